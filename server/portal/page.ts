// Portal pages are declared as small objects, like the API's routes (server/http/route.ts): the
// method, the path, who may see it ('public' or the roles), and a handler that calls the same
// service functions as the API, in process. A visitor who is not signed in is sent to /login; a
// signed-in user of another role gets the portal's 404, as if the page did not exist. While an
// administrator acts for a citizen (assisted digital), each page is audited before it runs.
import type { Request, Response, Router } from 'express';
import type { AppContext } from '../app-context.js';
import { recordAssistedRequest } from '../assisted/assisted.js';
import type { Principal, Role } from '../auth/principal.js';
import type { MultipartForm, MultipartLimits } from '../http/multipart.js';
import { notFound } from '../errors.js';
import type { Language } from '../shared/language.js';
import { formatsFor, type Formats } from './formats.js';
import { translator, type Translate } from './i18n.js';
import { languageOf, renderPage } from './render.js';
import { sessionStored } from './session.js';
import type { Views } from './views.js';

export type PageAccess = 'public' | readonly Role[];

export type PageInput<Access> = {
  app: AppContext;
  /** Signed in (and allowed) for role pages; maybe undefined on public ones. */
  user: Access extends 'public' ? Principal | undefined : Principal;
  language: Language;
  t: Translate;
  format: Formats;
  params: Record<string, string>;
  query: Request['query'];
  /** The posted form (urlencoded, or a multipart page's text fields), to be parsed with parseForm. */
  body: unknown;
  /** A `multipart` page's files (uploads.ts read them before the CSRF check). */
  upload: MultipartForm | undefined;
  clientAddress: string;
  requestId: string;
  /** Renders `view` (under server/portal/views) with the layout's context and `data`. */
  render: (view: string, data?: object, status?: number) => void;
  /**
   * 303 See Other to a path of this site (after a POST, or to send the visitor on) or to another
   * site (a payment or identity provider), sent when the handler returns, once the session is stored.
   */
  redirect: (location: string) => void;
  /** For the few pages that manage the session itself (sign-in, sign-out). */
  req: Request;
  res: Response;
};

export type Page<Access extends PageAccess = PageAccess> = {
  method: 'get' | 'post';
  /** Express-style path, e.g. '/citizen/cheques/:code'. */
  path: string;
  access: Access;
  /** A POST that takes files (multipart/form-data) within these limits, from signed-in users only. */
  multipart?: MultipartLimits;
  handle: (input: PageInput<Access>) => Promise<void> | void;
};

/** Identity function that types the handler's `user` by `access`. */
export function definePage<const Access extends PageAccess>(page: Page<Access>): Page {
  return page;
}

export function mountPages(router: Router, app: AppContext, views: Views, pages: readonly Page[]) {
  for (const page of pages) {
    router[page.method](page.path, async (req, res) => {
      const user = res.locals.principal;
      if (page.access !== 'public') {
        if (!user) return res.redirect(303, '/login');
        if (!page.access.includes(user.role)) throw notFound('Page');
      }
      if (user?.assistedBy) await recordAssistedRequest(app, user, page, req.id);
      const language = languageOf(req, res);
      let location: string | undefined;
      await page.handle({
        app,
        user,
        language,
        t: translator(language),
        format: formatsFor(language),
        params: req.params as Record<string, string>,
        query: req.query,
        body: req.body as unknown,
        upload: res.locals.upload,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        requestId: req.id,
        render: (view, data, status) => renderPage(views, req, res, view, data, status),
        redirect: (to) => {
          if (location !== undefined) throw new Error(`${page.path} redirected twice: to ${location}, then to ${to}`);
          location = to;
        },
        req,
        res,
      });
      if (location === undefined) return;
      await sessionStored(req);
      res.redirect(303, location);
    });
  }
}

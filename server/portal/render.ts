// What every template sees: the language and its catalogue, formatters, who is signed in and
// their navigation, the CSP nonce, the CSRF field, and the language switch back to this page.
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import type { Language } from '../shared/language.js';
import { csrfTokenFor } from './csrf.js';
import { formatsFor } from './formats.js';
import { pageLanguage, translator } from './i18n.js';
import { NAVIGATION } from './navigation.js';
import type { Views } from './views.js';

declare module 'express-serve-static-core' {
  interface Locals {
    cspNonce?: string;
    language?: Language;
    /** Set by the portal for a signed-in user whose session is still good. */
    principal?: Principal;
    /** Set while an administrator acts for a citizen (the principal is then the citizen's login): for the banner. */
    assisting?: { citizenName: string; consent: string; expiresAt: Date };
  }
}

export const languageOf = (req: Request, res: Response): Language => res.locals.language ?? pageLanguage(req);

function templateContext(req: Request, res: Response) {
  const language = languageOf(req, res);
  const t = translator(language);
  const user = res.locals.principal;
  const here = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
  return {
    language,
    t,
    format: formatsFor(language),
    user,
    navigation: user
      ? NAVIGATION[user.role]
          .filter((item) => item.only !== 'centreAdmin' || res.locals.centreAdmin === true)
          .map((item) => ({ href: item.href, text: t(item.label), active: req.path === item.href }))
      : [],
    cspNonce: res.locals.cspNonce,
    centreStanding: res.locals.centreStanding,
    assisting: res.locals.assisting,
    csrfToken: () => csrfTokenFor(req),
    languages: (['en', 'nl'] as const).map((code) => ({
      text: t(`language.${code}`),
      lang: code,
      href: code === language ? undefined : `/language?to=${code}&back=${encodeURIComponent(here)}`,
      current: code === language,
    })),
  };
}

export function renderPage(views: Views, req: Request, res: Response, view: string, data: object = {}, status = 200) {
  res
    .status(status)
    .type('html')
    .send(views.render(view, { ...templateContext(req, res), ...data }));
}

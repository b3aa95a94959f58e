// The portal: server-rendered pages for people, served by the same express app as the API and
// calling the same services in process. Mounted after the API's routes and before the API's 404,
// it skips every API path (portal-paths.ts). Its middleware runs in a fixed order: assets,
// security headers with a CSP nonce, form bodies, the session, the language, who is signed in,
// the files of forms that take them (uploads.ts), CSRF, then the pages and the portal's 404. `errors` goes after the API's 404 and before the
// problem+json handler: it renders the portal's error pages and passes the API's errors on.
import express from 'express';
import type { AppContext } from '../app-context.js';
import { centreAdministrator } from './centre-administrator.js';
import { centreStanding } from './centre-standing.js';
import { csrfProtection } from './csrf.js';
import { pageLanguage } from './i18n.js';
import { mountPages } from './page.js';
import { signInProviderName } from './pages/oidc-pages.js';
import { pageNotFound, portalErrors } from './portal-errors.js';
import { isApiPath } from './portal-paths.js';
import { portalPages } from './portal-pages.js';
import { portalSecurityHeaders } from './security-headers.js';
import { portalUploads } from './uploads.js';
import { portalSession } from './session.js';
import { signedInUser } from './signed-in-user.js';
import { createViews, GOVUK_ASSETS, GOVUK_DIST, PUBLIC } from './views.js';

const DAY_SECONDS = 86_400;

export function createPortal(app: AppContext) {
  const views = createViews();
  // The start and sign-in pages offer "Sign in with <provider>" only when one is configured.
  views.addGlobal('signInProvider', signInProviderName(app));
  const pages = express.Router();
  pages.use((req, _res, next) => next(isApiPath(req.path) ? 'router' : undefined));
  // govuk-frontend's CSS asks for its fonts and images under /assets.
  const govukFile = (name: string) => `${GOVUK_DIST}/govuk/${name}`;
  pages.get('/assets/govuk-frontend.min.css', (_req, res) => res.sendFile(govukFile('govuk-frontend.min.css')));
  pages.get('/assets/govuk-frontend.min.js', (_req, res) => res.sendFile(govukFile('govuk-frontend.min.js')));
  pages.use('/assets/portal', express.static(PUBLIC, { index: false, maxAge: DAY_SECONDS * 1000 }));
  pages.use('/assets', express.static(GOVUK_ASSETS, { index: false, maxAge: DAY_SECONDS * 1000 }));
  pages.use(portalSecurityHeaders(app.config.env === 'production'));
  // The rule set editor posts a whole rule set (up to the API's 64kb of JSON, which url-encoding can
  // triple) as its raw JSON, or as the form's draft beside a field per condition (200 at most).
  pages.use('/admin/rule-sets', express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 1000 }));
  pages.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 100 }));
  pages.use(portalSession(app));
  pages.use((req, res, next) => {
    res.locals.language = pageLanguage(req);
    next();
  });
  pages.use(signedInUser(app));
  pages.use(centreStanding(app));
  pages.use(centreAdministrator(app));
  pages.use(portalUploads(portalPages));
  pages.use(csrfProtection);
  mountPages(pages, app, views, portalPages);
  pages.use(pageNotFound);
  return { pages, errors: portalErrors(app, views) };
}

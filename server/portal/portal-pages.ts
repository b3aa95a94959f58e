// Every page of the portal, as the API's server/routes.ts lists every endpoint. The portals of
// each role add their pages here.
import { homePages } from './pages/home-pages.js';
import { languagePages } from './pages/language-pages.js';
import { oidcPages } from './pages/oidc-pages.js';
import { signInPages } from './pages/sign-in-pages.js';
import { startPages } from './pages/start-page.js';
import type { Page } from './page.js';

export const portalPages: readonly Page[] = [...startPages, ...languagePages, ...signInPages, ...oidcPages, ...homePages];

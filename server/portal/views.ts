// The Nunjucks environment: our templates (views/) first, then govuk-frontend's dist folder, so a
// page imports the components as "govuk/components/<name>/macro.njk" and the layout extends
// "govuk/template.njk". Autoescaping is on: a value reaches the page as text unless marked safe.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);
/** node_modules/govuk-frontend/dist: its package entry is dist/govuk/all.bundle.js. */
export const GOVUK_DIST = dirname(dirname(require.resolve('govuk-frontend')));
export const VIEWS = fileURLToPath(new URL('./views', import.meta.url));
export const PUBLIC = fileURLToPath(new URL('./public', import.meta.url));
export const GOVUK_ASSETS = join(GOVUK_DIST, 'govuk', 'assets');

export function createViews() {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK_DIST]), {
    autoescape: true,
    throwOnUndefined: false,
  });
}

export type Views = ReturnType<typeof createViews>;

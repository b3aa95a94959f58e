// The portal's own error pages: a page that does not exist (or that this user may not see) is
// the 404 page, a form posted without its CSRF token the 403 page, other client mistakes a short
// page with their status, and anything else a 500 page that says nothing of the cause (it is
// logged). A portal error is never JSON; errors of API paths pass on to the problem+json handler.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { isCsrfRefusal } from './csrf.js';
import { isApiPath } from './portal-paths.js';
import { renderPage } from './render.js';
import type { Views } from './views.js';

export const pageNotFound: RequestHandler = (_req, _res, next) => next(new AppError(404, 'not_found', 'Page was not found.'));

/** Client mistakes express meets before a handler (a body too large or badly encoded) carry a 4xx `status`. */
function clientStatus(error: unknown): number | undefined {
  if (error instanceof AppError) return error.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function portalErrors(app: AppContext, views: Views): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (isApiPath(req.path)) return next(error);
    if (res.headersSent) return;
    const status = isCsrfRefusal(error) ? 403 : (clientStatus(error) ?? 500);
    if (status === 500) app.logger.error({ err: error, reqId: req.id, method: req.method, path: req.path }, 'portal page failed');
    const view = status === 404 || status === 403 ? `errors/${status}.njk` : status === 500 ? 'errors/500.njk' : 'errors/client.njk';
    try {
      renderPage(views, req, res, view, { status }, status);
    } catch (failure) {
      // The error page itself failed (a template fault): plain text, still without details.
      app.logger.error({ err: failure, reqId: req.id }, 'portal error page failed');
      res
        .status(status)
        .type('text/plain')
        .send(status === 500 ? 'Something went wrong.' : `Error ${status}`);
    }
  };
}

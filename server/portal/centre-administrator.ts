// Whether a signed-in centre staff member is their centre's administrator, read on each of their
// requests (one indexed lookup), so the navigation shows the links only that administrator may
// follow (the centre's audit trail). The pages check it again themselves.
import type { RequestHandler } from 'express';
import type { AppContext } from '../app-context.js';
import { isCentreAdministrator } from '../centres/centres.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set for a signed-in centre staff member. */
    centreAdmin?: boolean;
  }
}

export function centreAdministrator(app: AppContext): RequestHandler {
  return async (_req, res, next) => {
    const principal = res.locals.principal;
    if (principal?.role === 'centre') res.locals.centreAdmin = await isCentreAdministrator(app, principal);
    next();
  };
}

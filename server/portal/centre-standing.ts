// A suspended or revoked centre sees why, since when and (for a revocation) when it may apply
// again, on every page of the centre portal (issue 17, journey 7): this middleware reads the
// centre's accreditations for each request of its staff, and the layout shows them. It only reads:
// refusing the actions is the services' work (they check the accreditation themselves).
import type { RequestHandler } from 'express';
import type { AppContext } from '../app-context.js';
import { describeCentre } from '../centres/centres.js';

export type CentreRestriction = {
  programme: string;
  status: 'suspended' | 'revoked';
  reason: string;
  since: string;
  reapplyAfter: string | null;
};
/** `restricted` when no accreditation is active today: the centre may then only read. */
export type CentreStanding = { restricted: boolean; restrictions: CentreRestriction[] };

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set for a signed-in centre staff member. */
    centreStanding?: CentreStanding;
  }
}

export function centreStanding(app: AppContext): RequestHandler {
  return async (_req, res, next) => {
    const centreId = res.locals.principal?.role === 'centre' ? res.locals.principal.centreId : null;
    if (centreId === null) return next();
    const today = app.clock.today();
    const { accreditations } = await describeCentre(app, centreId);
    const current = accreditations.filter((a) => a.validTo >= today || (a.reapplyAfter !== null && a.reapplyAfter > today));
    const restrictions = current.flatMap((a) =>
      a.status === 'active'
        ? []
        : [
            {
              programme: a.programme,
              status: a.status,
              reason: a.reason ?? '',
              since: a.updatedAt.slice(0, 10),
              reapplyAfter: a.reapplyAfter,
            },
          ],
    );
    const active = accreditations.some((a) => a.status === 'active' && a.validFrom <= today && today <= a.validTo);
    res.locals.centreStanding = { restricted: !active, restrictions };
    next();
  };
}

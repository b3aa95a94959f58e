// Who is signed in, read again on every request from the user records through the auth
// component's lookup (a copy kept AUTH_USER_CACHE_SECONDS), exactly as a bearer token is judged:
// a user who was disabled, whose role changed, or whose token version moved on (a new password,
// "sign out everywhere") is signed out here too. So is a session past its idle or absolute timeout.
// An administrator in an assisted session acts as its citizen's login while it runs (server/assisted);
// once it has ended or run out, they are themselves again.
import type { RequestHandler } from 'express';
import type { AppContext } from '../app-context.js';
import { assistingIn } from '../assisted/assisted.js';
import { currentUser } from '../auth/user-cache.js';
import { endSignedInSession, sessionExpired } from './session.js';

export function signedInUser(app: AppContext): RequestHandler {
  return async (req, res, next) => {
    const data = req.session;
    if (!data.userId) return next();
    const now = app.clock.now().getTime();
    const user = sessionExpired(data, app.config, now)
      ? undefined
      : await currentUser(app.sequelize, data.userId, app.config.auth.userCacheSeconds, now);
    if (!user || user.disabled_at || user.token_version !== data.tokenVersion || user.role !== data.role) {
      await endSignedInSession(req);
      return next();
    }
    data.lastSeenAt = now;
    const principal = { userId: user.id, role: user.role, email: user.email, centreId: user.centre_id, citizenId: user.citizen_id };
    const assisting = data.assisting && user.role === 'admin' ? await assistingIn(app, principal, data.assisting) : undefined;
    if (data.assisting && !assisting) delete data.assisting;
    res.locals.principal = assisting?.principal ?? principal;
    if (assisting)
      res.locals.assisting = { citizenName: assisting.citizenName, consent: assisting.consent, expiresAt: assisting.expiresAt };
    next();
  };
}

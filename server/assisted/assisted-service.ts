// Assisted digital: an administrator acts for a citizen who is at the counter. The citizen is
// found by the national number on the identity document they show (never by a search), and the
// session starts only once the administrator has recorded how the citizen agreed. It lasts
// ASSISTED_SESSION_MINUTES at most. While it runs, the administrator's portal session acts as the
// citizen's login with `assistedBy` set: every page asked for is audited before it runs, and what
// the services audit is recorded as the administrator's, on behalf of the citizen (recordAudit).
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { findCitizenWithLogin } from '../citizens/citizens.js';
import { invalidField } from '../errors.js';
import { endSession, findLiveSession, insertAssistedSession, type AssistedSession, type Consent } from './assisted-session-store.js';

export type AssistedStart = { nationalId: string; consent: Consent; consentNote: string };

/** What the portal shows while a session runs: for whom, how they agreed and until when. */
export type Assisting = { principal: Principal; citizenName: string; consent: Consent; expiresAt: Date };

export async function startAssistedSession(
  app: AppContext,
  staff: Principal,
  input: AssistedStart,
  requestId: string,
): Promise<AssistedSession> {
  const citizen = await findCitizenWithLogin(app.sequelize, { nationalId: input.nationalId });
  if (!citizen) throw invalidField('/nationalId', 'no citizen is registered with this national number');
  const startedAt = app.clock.now();
  const expiresAt = new Date(startedAt.getTime() + app.config.portal.assistedSeconds * 1000);
  return app.sequelize.transaction(async (transaction) => {
    const session = await insertAssistedSession(
      app.sequelize,
      { staffUserId: staff.userId, citizenId: citizen.id, consent: input.consent, consentNote: input.consentNote, startedAt, expiresAt },
      transaction,
    );
    // The note is the administrator's own words and may name the person: it stays in the session's row.
    await recordAudit(app.sequelize, transaction, {
      actor: staff,
      action: 'assisted_session.start',
      entityType: 'assisted_session',
      entityId: session.id,
      before: null,
      after: { citizenId: citizen.id, consent: input.consent, expiresAt: expiresAt.toISOString() },
      requestId,
    });
    return session;
  });
}

/** The citizen's login as the administrator acts in it, while the session runs; undefined once it has ended or run out. */
export async function assistingIn(app: AppContext, staff: Principal, sessionId: string): Promise<Assisting | undefined> {
  const session = await findLiveSession(app.sequelize, sessionId, staff.userId, app.clock.now());
  if (!session) return undefined;
  const citizen = await findCitizenWithLogin(app.sequelize, { id: session.citizenId });
  if (!citizen) return undefined;
  return {
    principal: {
      userId: citizen.userId,
      role: 'citizen',
      email: citizen.email,
      centreId: null,
      citizenId: citizen.id,
      assistedBy: { userId: staff.userId, email: staff.email, sessionId: session.id },
    },
    citizenName: citizen.name,
    consent: session.consent,
    expiresAt: session.expiresAt,
  };
}

/**
 * Records, before the page runs, that the administrator asked for it for the citizen: the page as
 * declared (its path pattern, never a cheque code or reference from the address) and the method.
 */
export async function recordAssistedRequest(app: AppContext, acting: Principal, page: { method: string; path: string }, requestId: string) {
  const assisted = acting.assistedBy;
  if (!assisted) throw new Error('only an assisted session records its requests');
  await app.sequelize.transaction((transaction) =>
    recordAudit(app.sequelize, transaction, {
      actor: acting,
      action: 'assisted_session.request',
      entityType: 'assisted_session',
      entityId: assisted.sessionId,
      before: null,
      after: { method: page.method.toUpperCase(), page: page.path },
      requestId,
    }),
  );
}

/** Ends the staff member's session; ending one that has ended already changes nothing. */
export async function endAssistedSession(app: AppContext, staff: Pick<Principal, 'userId' | 'role'>, sessionId: string, requestId: string) {
  await app.sequelize.transaction(async (transaction) => {
    const ended = await endSession(app.sequelize, sessionId, staff.userId, app.clock.now(), transaction);
    if (!ended) return;
    await recordAudit(app.sequelize, transaction, {
      actor: staff,
      action: 'assisted_session.end',
      entityType: 'assisted_session',
      entityId: sessionId,
      before: null,
      after: { endedAt: ended.endedAt?.toISOString() ?? null },
      requestId,
    });
  });
}

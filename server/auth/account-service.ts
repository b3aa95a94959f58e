// A user's own password, and ending every token of a user. Both bump the user's token version,
// which refuses every token issued before (passport-setup.ts); the user is forgotten by this
// process's user cache at commit, so the old tokens stop here at once. Audited without secrets.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { AppError, conflict, invalidField, notFound, RuleViolation } from '../errors.js';
import { checkLogin } from './login-throttle.js';
import { hashPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { issueAccessToken, type AccessToken } from './tokens.js';
import { forgetUserAfterCommit } from './user-cache.js';
import { findUserById, updateUserAccess, type UserRow } from './user-store.js';

/** Staff passwords guard more than one person's money: the same minimum as when staff are added. */
const MIN_LENGTH = { citizen: 8, staff: 12 };

export type UserAccessView = { id: string; email: string; name: string; role: string; centreId: string | null; disabledAt: string | null };

export const userAccessView = (user: UserRow, change: { disabledAt: Date | null } = { disabledAt: user.disabled_at }): UserAccessView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  centreId: user.centre_id,
  disabledAt: change.disabledAt?.toISOString() ?? null,
});

/** Who did something, as a page names them (an administrator who proposed a change): name and e-mail by user id. */
export async function userNames(app: AppContext, ids: readonly string[]): Promise<Map<string, { name: string; email: string }>> {
  const users = await Promise.all([...new Set(ids)].map((id) => findUserById(app.sequelize, id)));
  return new Map(users.flatMap((user) => (user ? [[user.id, { name: user.name, email: user.email }] as const] : [])));
}

/** Checks the current password (counted like a login), sets the new one, and answers a fresh token: every other one ends. */
export async function changePassword(
  app: AppContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string; clientAddress: string; requestId: string },
): Promise<AccessToken> {
  const minimum = principal.role === 'citizen' ? MIN_LENGTH.citizen : MIN_LENGTH.staff;
  if (input.newPassword.length < minimum) throw invalidField('/newPassword', `must be at least ${minimum} characters`);
  const stored = await findUserById(app.sequelize, principal.userId);
  if (!stored) throw notFound('User');
  if (!stored.password_hash)
    throw conflict('no_password', 'This account signs in through the identity provider and has no password to change.');
  const checked = await checkCurrentPassword(app, principal, input);
  const passwordHash = await hashPassword(input.newPassword);
  return app.sequelize.transaction(async (transaction) => {
    const user = await findUserById(app.sequelize, principal.userId, { transaction, forUpdate: true });
    // Another change got in between the check and this lock: the password checked is no longer the one.
    if (!user || user.password_hash !== checked.password_hash)
      throw conflict('password_changed', 'The password was changed meanwhile; sign in again.');
    const after = await updateUserAccess(app.sequelize, transaction, user.id, { passwordHash });
    await recordAudit(app.sequelize, transaction, {
      actor: principal,
      action: 'user.password.change',
      entityType: 'user',
      entityId: user.id,
      before: { tokenVersion: user.token_version },
      after: { tokenVersion: after.tokenVersion, passwordChanged: true },
      requestId: input.requestId,
    });
    forgetUserAfterCommit(transaction, user.id);
    return issueAccessToken(app.config, principal, after.tokenVersion);
  });
}

async function checkCurrentPassword(app: AppContext, principal: Principal, input: { currentPassword: string; clientAddress: string }) {
  try {
    return await checkLogin(app, { email: principal.email, password: input.currentPassword, clientAddress: input.clientAddress });
  } catch (error) {
    // The caller's token is fine: a 401 would read as "sign in again".
    if (error instanceof AppError && error.code === 'invalid_credentials') {
      throw new RuleViolation('wrong_password', 'The current password is not right.', {
        errors: [{ path: '/currentPassword', message: 'is not right' }],
      });
    }
    throw error;
  }
}

/** Ends every token the user holds (e.g. a lost device); they sign in again. */
export async function endUserTokens(
  app: AppContext,
  actor: Principal,
  input: { userId: string; requestId: string },
): Promise<UserAccessView> {
  return app.sequelize.transaction(async (transaction) => {
    const user = await findUserById(app.sequelize, input.userId, { transaction, forUpdate: true });
    if (!user) throw notFound('User');
    const after = await updateUserAccess(app.sequelize, transaction, user.id, {});
    await recordAudit(app.sequelize, transaction, {
      actor,
      action: 'user.tokens.end',
      entityType: 'user',
      entityId: user.id,
      before: { tokenVersion: user.token_version },
      after: { tokenVersion: after.tokenVersion },
      requestId: input.requestId,
    });
    forgetUserAfterCommit(transaction, user.id);
    return userAccessView(user);
  });
}

/**
 * "Sign out of every other session": the user's token version moves on, which ends every API token
 * they hold and every portal session signed in before (signed-in-user.ts compares it); the caller
 * keeps their own session by taking the new version (answered here). Audited as the user's own act.
 */
export async function endOtherSessions(app: AppContext, principal: Principal, input: { requestId: string }): Promise<number> {
  return app.sequelize.transaction(async (transaction) => {
    const user = await findUserById(app.sequelize, principal.userId, { transaction, forUpdate: true });
    if (!user) throw notFound('User');
    const after = await updateUserAccess(app.sequelize, transaction, user.id, {});
    await recordAudit(app.sequelize, transaction, {
      actor: principal,
      action: 'user.sessions.end_others',
      entityType: 'user',
      entityId: user.id,
      before: { tokenVersion: user.token_version },
      after: { tokenVersion: after.tokenVersion },
      requestId: input.requestId,
    });
    forgetUserAfterCommit(transaction, user.id);
    return after.tokenVersion;
  });
}

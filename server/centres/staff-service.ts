// Staff logins of a centre. A staff user is bound to one centre by `users.centre_id`, which the
// authenticator reads with the user on every request; every per-centre check compares against it.
// A disabled staff member cannot sign in, and every token they hold is refused from the commit on.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { userAccessView, type UserAccessView } from '../auth/account-service.js';
import type { Principal } from '../auth/principal.js';
import { hashPassword } from '../auth/passwords.js';
import { forgetUserAfterCommit } from '../auth/user-cache.js';
import { emailTaken, findUserById, insertUser, updateUserAccess } from '../auth/user-store.js';
import { inTransaction, uniqueViolationOf } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { findCentre } from './centre-store.js';

const emailConflict = (email: string) =>
  conflict('email_taken', `There is already a user with e-mail ${email}.`, { errors: [{ path: '/email', message: 'is already in use' }] });

export async function addCentreStaff(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; email: string; password: string; name: string; requestId: string },
  transaction?: Transaction,
) {
  // Hashing is slow on purpose: do it before the transaction opens, not while it holds locks.
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(app.sequelize, transaction, async (t) => {
      if (!(await findCentre(app.sequelize, input.centreId, { transaction: t }))) throw notFound('Centre');
      if (await emailTaken(app.sequelize, input.email, t)) throw emailConflict(input.email);
      const user = await insertUser(
        app.sequelize,
        { email: input.email, passwordHash, name: input.name, role: 'centre', centreId: input.centreId },
        t,
      );
      // The password and its hash stay out of the audit log.
      await recordAudit(app.sequelize, t, {
        actor,
        action: 'centre.staff.add',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: user,
        requestId: input.requestId,
      });
      return user;
    });
  } catch (error) {
    // Two requests for the same e-mail at once: the unique index decides, the loser gets a 409.
    if (uniqueViolationOf(error) === 'users_email_key') throw emailConflict(input.email);
    throw error;
  }
}

/** Disables or enables one staff login of the centre; asking for the state it is in changes nothing. */
export async function setStaffDisabled(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; userId: string; disabled: boolean; requestId: string },
  transaction?: Transaction,
): Promise<UserAccessView> {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const user = await findUserById(app.sequelize, input.userId, { transaction: t, forUpdate: true });
    if (!user || user.role !== 'centre' || user.centre_id !== input.centreId) throw notFound('Staff member');
    if ((user.disabled_at !== null) === input.disabled) return userAccessView(user);
    // The token version moves either way: tokens from before a disable never come back with an enable.
    const after = await updateUserAccess(app.sequelize, t, user.id, { disabledAt: input.disabled ? app.clock.now() : null });
    await recordAudit(app.sequelize, t, {
      actor,
      action: input.disabled ? 'centre.staff.disable' : 'centre.staff.enable',
      entityType: 'user',
      entityId: user.id,
      before: { disabledAt: user.disabled_at?.toISOString() ?? null, tokenVersion: user.token_version },
      after: { disabledAt: after.disabledAt?.toISOString() ?? null, tokenVersion: after.tokenVersion },
      requestId: input.requestId,
    });
    forgetUserAfterCommit(t, user.id);
    return userAccessView(user, after);
  });
}

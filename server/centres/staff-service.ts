// Staff logins of a centre. A staff user is bound to one centre by `users.centre_id`, which the
// authenticator reads with the user on every request; every per-centre check compares against it.
// A disabled staff member cannot sign in, and every token they hold is refused from the commit on.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { UserAccessView } from '../auth/account-service.js';
import type { Principal } from '../auth/principal.js';
import { hashPassword } from '../auth/passwords.js';
import { forgetUserAfterCommit } from '../auth/user-cache.js';
import { updateUserAccess } from '../auth/user-store.js';
import { inTransaction } from '../db/database.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { findCentre } from './centre-store.js';
import {
  emailTaken,
  findStaffMember,
  insertStaffMember,
  isEnabledCentreAdmin,
  listStaffMembers,
  updateCentreAdmin,
  type StaffMember,
} from './staff-store.js';

const emailConflict = (email: string) =>
  conflict('email_taken', `There is already a user with e-mail ${email}.`, { errors: [{ path: '/email', message: 'is already in use' }] });

const accessView = (member: StaffMember, disabledAt = member.disabledAt): UserAccessView => ({
  id: member.id,
  email: member.email,
  name: member.name,
  role: member.role,
  centreId: member.centreId,
  disabledAt: disabledAt?.toISOString() ?? null,
});

/**
 * Who manages a centre's staff: the service's administrators, and that centre's own administrator
 * (a staff login marked centre_admin, still enabled), read from the database under the
 * transaction, so a mark just taken away no longer counts. Anyone else: 403.
 */
async function assertStaffManager(app: AppContext, actor: Principal, centreId: string, t: Transaction) {
  if (actor.role === 'admin') return;
  const self =
    actor.role === 'centre' && actor.centreId === centreId
      ? await findStaffMember(app.sequelize, { centreId, userId: actor.userId }, { transaction: t })
      : undefined;
  if (!self?.centreAdmin || self.disabledAt !== null) throw forbidden("Only the centre's administrator may manage its staff.");
}

export async function addCentreStaff(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; email: string; password: string; name: string; requestId: string },
  transaction?: Transaction,
) {
  // Hashing is slow on purpose: do it before the transaction opens, not while it holds locks.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (!(await findCentre(app.sequelize, input.centreId, { transaction: t }))) throw notFound('Centre');
    await assertStaffManager(app, actor, input.centreId, t);
    if (await emailTaken(app.sequelize, input.email, t)) throw emailConflict(input.email);
    // Two requests for the same e-mail at once: the unique index decides, the loser gets a 409.
    const member = await insertStaffMember(
      app.sequelize,
      { centreId: input.centreId, email: input.email, name: input.name, passwordHash },
      t,
    );
    if (!member) throw emailConflict(input.email);
    const user = {
      id: member.id,
      email: member.email,
      name: member.name,
      role: member.role,
      centreId: member.centreId,
      createdAt: member.createdAt.toISOString(),
    };
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
}

/** Disables or enables one staff login of the centre; asking for the state it is in changes nothing. */
export async function setStaffDisabled(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; userId: string; disabled: boolean; requestId: string },
  transaction?: Transaction,
): Promise<UserAccessView> {
  return inTransaction(app.sequelize, transaction, async (t) => {
    await assertStaffManager(app, actor, input.centreId, t);
    const member = await findStaffMember(app.sequelize, { centreId: input.centreId, userId: input.userId }, { transaction: t, lock: true });
    if (!member) throw notFound('Staff member');
    // A centre's administrator who disabled their own login would lock the centre out of its staff.
    if (member.id === actor.userId) throw conflict('own_login', 'You cannot disable or enable your own login.');
    if ((member.disabledAt !== null) === input.disabled) return accessView(member);
    // The token version moves either way: tokens from before a disable never come back with an enable.
    const after = await updateUserAccess(app.sequelize, t, member.id, { disabledAt: input.disabled ? app.clock.now() : null });
    await recordAudit(app.sequelize, t, {
      actor,
      action: input.disabled ? 'centre.staff.disable' : 'centre.staff.enable',
      entityType: 'user',
      entityId: member.id,
      before: { disabledAt: member.disabledAt?.toISOString() ?? null, tokenVersion: member.tokenVersion },
      after: { disabledAt: after.disabledAt?.toISOString() ?? null, tokenVersion: after.tokenVersion },
      requestId: input.requestId,
    });
    forgetUserAfterCommit(t, member.id);
    return accessView(member, after.disabledAt);
  });
}

/** The service's administrator marks (or unmarks) a staff login as its centre's administrator; audited. */
export async function setCentreAdmin(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; userId: string; centreAdmin: boolean; requestId: string },
  transaction?: Transaction,
) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const member = await findStaffMember(app.sequelize, { centreId: input.centreId, userId: input.userId }, { transaction: t, lock: true });
    if (!member) throw notFound('Staff member');
    if (member.centreAdmin !== input.centreAdmin) {
      await updateCentreAdmin(app.sequelize, member.id, input.centreAdmin, t);
      await recordAudit(app.sequelize, t, {
        actor,
        action: input.centreAdmin ? 'centre.staff.admin_grant' : 'centre.staff.admin_revoke',
        entityType: 'user',
        entityId: member.id,
        before: { centreAdmin: member.centreAdmin },
        after: { centreAdmin: input.centreAdmin },
        requestId: input.requestId,
      });
    }
    return { ...accessView(member), centreAdmin: input.centreAdmin };
  });
}

/** A centre's staff logins, by name, each with whether it is disabled and whether it is the centre's administrator. */
export async function centreStaff(app: AppContext, centreId: string) {
  return (await listStaffMembers(app.sequelize, centreId)).map((member) => ({ ...accessView(member), centreAdmin: member.centreAdmin }));
}

/** Whether the principal is an enabled administrator of its own centre (the centre portal's audit trail and its link). */
export async function isCentreAdministrator(app: AppContext, principal: Principal): Promise<boolean> {
  if (principal.role !== 'centre' || !principal.centreId) return false;
  return isEnabledCentreAdmin(app.sequelize, { centreId: principal.centreId, userId: principal.userId });
}

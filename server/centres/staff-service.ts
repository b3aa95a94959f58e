// Staff logins of a centre. A staff user is bound to one centre by `users.centre_id`, which the
// token carries; every per-centre check compares against it.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { hashPassword } from '../auth/passwords.js';
import { emailTaken, insertUser } from '../auth/user-store.js';
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
      const user = await insertUser(app.sequelize, { email: input.email, passwordHash, name: input.name, role: 'centre', centreId: input.centreId }, t);
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

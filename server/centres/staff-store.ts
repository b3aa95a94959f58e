// Data access for a centre's staff logins, through the StaffMember model (staff-model.ts) over the
// users table; answers are plain objects. What ends a login's tokens (the token version) is auth's
// and stays in server/auth/user-store.ts.
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { modelsOf } from '../db/models.js';
import type { StaffMemberAttributes } from './staff-model.js';

export type StaffMember = Omit<StaffMemberAttributes, 'passwordHash'>;

const READABLE: (keyof StaffMember)[] = [
  'id',
  'email',
  'name',
  'role',
  'centreId',
  'disabledAt',
  'centreAdmin',
  'tokenVersion',
  'createdAt',
];

/** Whether any user (of any role: e-mail addresses are unique across the table) has this e-mail. */
export async function emailTaken(sequelize: Sequelize, email: string, transaction: Transaction): Promise<boolean> {
  const found = await modelsOf(sequelize)
    .StaffMember.unscoped()
    .findOne({ attributes: ['id'], where: { email }, transaction });
  return found !== null;
}

/** The new staff member, or undefined when a concurrent request took the e-mail first. */
export async function insertStaffMember(
  sequelize: Sequelize,
  member: { centreId: string; email: string; name: string; passwordHash: string },
  transaction: Transaction,
): Promise<StaffMember | undefined> {
  try {
    // In a savepoint: the unique index refusing the row must not end the caller's transaction.
    const created = await sequelize.transaction({ transaction }, (savepoint) =>
      modelsOf(sequelize).StaffMember.create({ ...member, role: 'centre' }, { transaction: savepoint }),
    );
    const { passwordHash: _hash, ...staffMember } = created.get({ plain: true });
    return staffMember;
  } catch (error) {
    if (error instanceof UniqueConstraintError) return undefined;
    throw error;
  }
}

/** The staff member of this centre with this id; `lock` holds the row until the transaction ends. */
export async function findStaffMember(
  sequelize: Sequelize,
  query: { centreId: string; userId: string },
  options: { transaction: Transaction; lock?: boolean },
): Promise<StaffMember | undefined> {
  const found = await modelsOf(sequelize).StaffMember.findOne({
    attributes: READABLE,
    where: { id: query.userId, centreId: query.centreId },
    transaction: options.transaction,
    ...(options.lock ? { lock: options.transaction.LOCK.UPDATE } : {}),
  });
  return found?.get({ plain: true });
}

/** Whether the login is its centre's administrator and still enabled (read on its own, for a page). */
export async function isEnabledCentreAdmin(sequelize: Sequelize, query: { centreId: string; userId: string }): Promise<boolean> {
  const found = await modelsOf(sequelize).StaffMember.findOne({
    attributes: ['id'],
    where: { id: query.userId, centreId: query.centreId, centreAdmin: true, disabledAt: null },
  });
  return found !== null;
}

/** Every staff login of the centre, by name. */
export async function listStaffMembers(sequelize: Sequelize, centreId: string): Promise<StaffMember[]> {
  const found = await modelsOf(sequelize).StaffMember.findAll({
    attributes: READABLE,
    where: { centreId },
    order: [
      ['name', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  return found.map((member) => member.get({ plain: true }));
}

/** Marks or unmarks the staff member as the centre's administrator (the caller holds the row). */
export async function updateCentreAdmin(sequelize: Sequelize, userId: string, centreAdmin: boolean, transaction: Transaction) {
  await modelsOf(sequelize).StaffMember.update({ centreAdmin }, { where: { id: userId }, transaction });
}

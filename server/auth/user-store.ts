// Users: every login identity (citizens, centre staff, administrators, auditors).
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { Principal, Role } from './principal.js';

export type UserRow = {
  id: string;
  email: string;
  password_hash: string | null;
  name: string;
  role: Role;
  centre_id: string | null;
  citizen_id: string | null;
  disabled_at: Date | null;
  /** Our tokens carry it; bumping it ends every token issued before. */
  token_version: number;
};

const SELECT_USER = `
  SELECT u.id, u.email, u.password_hash, u.name, u.role, u.centre_id, c.id AS citizen_id, u.disabled_at, u.token_version
  FROM users u LEFT JOIN citizens c ON c.user_id = u.id`;

export async function findUserByEmail(sequelize: Sequelize, email: string): Promise<UserRow | undefined> {
  const [row] = await queryRows<UserRow>(sequelize, `${SELECT_USER} WHERE u.email = $1`, [email.toLowerCase()]);
  return row;
}

/** With `forUpdate`, the user row is locked until the transaction ends (a change reads, then writes). */
export async function findUserById(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction; forUpdate?: boolean } = {},
): Promise<UserRow | undefined> {
  const lock = options.forUpdate ? ' FOR UPDATE OF u' : '';
  const [row] = await queryRows<UserRow>(sequelize, `${SELECT_USER} WHERE u.id = $1${lock}`, [id], { transaction: options.transaction });
  return row;
}

/** Changes what is given and always bumps the token version, so every earlier token ends. */
export async function updateUserAccess(
  sequelize: Sequelize,
  transaction: Transaction,
  id: string,
  change: { disabledAt?: Date | null; passwordHash?: string },
): Promise<{ disabledAt: Date | null; tokenVersion: number }> {
  const [row] = await queryRows<{ disabled_at: Date | null; token_version: number }>(
    sequelize,
    `UPDATE users SET token_version = token_version + 1,
       disabled_at = CASE WHEN $2 THEN $3::timestamptz ELSE disabled_at END,
       password_hash = COALESCE($4, password_hash)
     WHERE id = $1 RETURNING disabled_at, token_version`,
    [id, change.disabledAt !== undefined, change.disabledAt ?? null, change.passwordHash ?? null],
    { transaction },
  );
  if (!row) throw new Error(`user ${id} vanished while locked`);
  return { disabledAt: row.disabled_at, tokenVersion: row.token_version };
}

export async function insertUser(
  sequelize: Sequelize,
  user: { email: string; passwordHash: string | null; name: string; role: Role; centreId?: string | null },
  transaction?: Transaction,
): Promise<{ id: string; email: string; name: string; role: Role; centreId: string | null; createdAt: string }> {
  const [row] = await queryRows<{ id: string; email: string; name: string; role: Role; centre_id: string | null; created_at: Date }>(
    sequelize,
    `INSERT INTO users (email, password_hash, name, role, centre_id) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, email, name, role, centre_id, created_at`,
    [user.email.toLowerCase(), user.passwordHash, user.name, user.role, user.centreId ?? null],
    { transaction },
  );
  if (!row) throw new Error('user insert returned nothing');
  return { id: row.id, email: row.email, name: row.name, role: row.role, centreId: row.centre_id, createdAt: row.created_at.toISOString() };
}

export async function emailTaken(sequelize: Sequelize, email: string, transaction?: Transaction) {
  const rows = await queryRows(sequelize, `SELECT 1 FROM users WHERE email = $1`, [email.toLowerCase()], { transaction });
  return rows.length > 0;
}

export const principalOf = (user: UserRow): Principal => ({
  userId: user.id,
  role: user.role,
  email: user.email,
  centreId: user.centre_id,
  citizenId: user.citizen_id,
});

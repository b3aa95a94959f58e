// Small upserts shared by the seeders; each keys on a natural identifier so reruns are no-ops.
import type { Sequelize } from 'sequelize';
import type { Role } from '../server/auth/principal.js';
import { queryRows } from '../server/db/database.js';

export async function upsertDemoUser(
  sequelize: Sequelize,
  user: { email: string; name: string; role: Role; passwordHash: string; centreId?: string },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO users (email, password_hash, name, role, centre_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [user.email, user.passwordHash, user.name, user.role, user.centreId ?? null],
  );
  return row!.id;
}

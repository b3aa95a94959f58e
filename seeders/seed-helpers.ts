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

/** A demo centre's contact details (migration 40). */
export type DemoContact = { address: string; postcode: string; municipality: string; phone: string; website: string };

/**
 * Gives a demo centre its contact details where it has none yet: a demo database seeded before
 * migration 40 gets them, and one an administrator edited since keeps the edits.
 */
export async function fillDemoContact(sequelize: Sequelize, centreId: string, contact: DemoContact): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE centres SET address = COALESCE(address, $2), postcode = COALESCE(postcode, $3), municipality = COALESCE(municipality, $4),
            phone = COALESCE(phone, $5), website = COALESCE(website, $6)
     WHERE id = $1`,
    [centreId, contact.address, contact.postcode, contact.municipality, contact.phone, contact.website],
  );
}

// What a claim reads and creates before the application itself: the applicant (locked), the
// provider's name, an existing funded application of the year, and the year's entitlement.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { ApplicationStatus } from './application-store.js';
import type { AccountYear } from './ita-terms.js';

/** Serialises a citizen's claims: two at once could otherwise both pass the one-per-year check. */
export async function lockCitizen(sequelize: Sequelize, citizenId: string, transaction: Transaction) {
  const [row] = await queryRows<{ user_id: string | null; name: string }>(sequelize, `SELECT user_id, name FROM citizens WHERE id = $1 FOR UPDATE`, [citizenId], {
    transaction,
  });
  return row && { userId: row.user_id, name: row.name };
}

export async function centreName(sequelize: Sequelize, centreId: string, transaction: Transaction): Promise<string> {
  const [row] = await queryRows<{ name: string }>(sequelize, `SELECT name FROM centres WHERE id = $1`, [centreId], { transaction });
  if (!row) throw new Error(`centre ${centreId} of an approved course does not exist`);
  return row.name;
}

export async function fundedApplicationIn(sequelize: Sequelize, citizenId: string, accountYear: number, transaction: Transaction) {
  const [row] = await queryRows<{ reference: string; status: ApplicationStatus }>(
    sequelize,
    `SELECT reference, status FROM applications WHERE citizen_id = $1 AND account_year = $2 AND status NOT IN ('lapsed', 'cancelled')`,
    [citizenId, accountYear],
    { transaction },
  );
  return row;
}

/** The citizen's ITA entitlement for the account year, created on the first application in it. */
export async function entitlementForYear(sequelize: Sequelize, citizenId: string, programmeCode: string, year: AccountYear, transaction: Transaction) {
  const [found] = await queryRows<{ id: string }>(
    sequelize,
    `SELECT id FROM entitlements WHERE citizen_id = $1 AND programme_code = $2 AND period_start = $3`,
    [citizenId, programmeCode, year.start],
    { transaction },
  );
  if (found) return found.id;
  const [made] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end) VALUES ($1, $2, $3, $4) RETURNING id`,
    [citizenId, programmeCode, year.start, year.end],
    { transaction },
  );
  if (!made) throw new Error('entitlement insert returned nothing');
  return made.id;
}

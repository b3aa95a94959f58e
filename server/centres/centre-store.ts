// Data access for centres: plain SQL in, plain objects out.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { registryOf } from '../validation/enterprise-number.js';

type CentreRow = { id: string; name: string; enterprise_number: string; email: string; created_at: Date };

export type Centre = { id: string; name: string; enterpriseNumber: string; registry: string; email: string; createdAt: string };

const toCentre = (row: CentreRow): Centre => ({
  id: row.id,
  name: row.name,
  enterpriseNumber: row.enterprise_number,
  registry: registryOf(row.enterprise_number),
  email: row.email,
  createdAt: row.created_at.toISOString(),
});

/** Undefined when a centre already has this enterprise number (also under a concurrent insert). */
export async function insertCentre(
  sequelize: Sequelize,
  centre: { name: string; enterpriseNumber: string; email: string },
  transaction: Transaction,
): Promise<Centre | undefined> {
  const [row] = await queryRows<CentreRow>(
    sequelize,
    `INSERT INTO centres (name, enterprise_number, email) VALUES ($1, $2, $3)
     ON CONFLICT (enterprise_number) DO NOTHING RETURNING id, name, enterprise_number, email, created_at`,
    [centre.name, centre.enterpriseNumber, centre.email],
    { transaction },
  );
  return row && toCentre(row);
}

/** `lock` holds the centre row until the transaction ends, to serialise changes to its mandates. */
export async function findCentre(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<Centre | undefined> {
  const [row] = await queryRows<CentreRow>(
    sequelize,
    `SELECT id, name, enterprise_number, email, created_at FROM centres WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
    { transaction: options.transaction },
  );
  return row && toCentre(row);
}

export type ListedCentre = {
  id: string;
  name: string;
  enterpriseNumber: string;
  registry: string;
  email: string;
  accreditations: { programme: string; validFrom: string; validTo: string }[];
};

/**
 * Centres with at least one accreditation that is active and in force on `onDate` (for one
 * programme when given), by name; `after` is the [name, id] of the last centre of the previous page.
 */
export async function listAccreditedCentres(
  sequelize: Sequelize,
  query: { onDate: string; programme: string | undefined; after: [string, string] | undefined; limit: number },
): Promise<ListedCentre[]> {
  const rows = await queryRows<Omit<CentreRow, 'created_at'> & { accreditations: ListedCentre['accreditations'] }>(
    sequelize,
    `SELECT c.id, c.name, c.enterprise_number, c.email,
            jsonb_agg(jsonb_build_object('programme', a.programme_code, 'validFrom', a.valid_from, 'validTo', a.valid_to)
                      ORDER BY a.programme_code, a.valid_from) AS accreditations
     FROM centres c JOIN accreditations a ON a.centre_id = c.id
     WHERE a.status = 'active' AND a.valid_from <= $1 AND a.valid_to >= $1
       AND ($2::text IS NULL OR a.programme_code = $2)
       AND ($3::text IS NULL OR (c.name, c.id) > ($3::text, $4::uuid))
     GROUP BY c.id ORDER BY c.name, c.id LIMIT $5`,
    [query.onDate, query.programme ?? null, query.after?.[0] ?? null, query.after?.[1] ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    enterpriseNumber: row.enterprise_number,
    registry: registryOf(row.enterprise_number),
    email: row.email,
    accreditations: row.accreditations,
  }));
}

export async function programmeExists(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT 1 FROM programmes WHERE code = $1`, [code], { transaction });
  return rows.length > 0;
}

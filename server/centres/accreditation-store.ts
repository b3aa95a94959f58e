// Data access for accreditations (a centre's mandate for one programme): plain SQL, plain objects.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { AccreditationStatus } from './centre-schemas.js';

type AccreditationRow = {
  id: string;
  centre_id: string;
  programme_code: string;
  valid_from: string;
  valid_to: string;
  status: AccreditationStatus;
  reason: string | null;
  reapply_after: string | null;
  created_at: Date;
  updated_at: Date;
};

export type Accreditation = {
  id: string;
  centreId: string;
  programme: string;
  validFrom: string;
  validTo: string;
  status: AccreditationStatus;
  reason: string | null;
  reapplyAfter: string | null;
  createdAt: string;
  updatedAt: string;
};

const COLUMNS = `id, centre_id, programme_code, valid_from, valid_to, status, reason, reapply_after, created_at, updated_at`;

const toAccreditation = (row: AccreditationRow): Accreditation => ({
  id: row.id,
  centreId: row.centre_id,
  programme: row.programme_code,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  status: row.status,
  reason: row.reason,
  reapplyAfter: row.reapply_after,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function insertAccreditation(
  sequelize: Sequelize,
  accreditation: { centreId: string; programme: string; validFrom: string; validTo: string; at: Date },
  transaction: Transaction,
): Promise<Accreditation> {
  const [row] = await queryRows<AccreditationRow>(
    sequelize,
    `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
    [accreditation.centreId, accreditation.programme, accreditation.validFrom, accreditation.validTo, accreditation.at],
    { transaction },
  );
  if (!row) throw new Error('accreditation insert returned nothing');
  return toAccreditation(row);
}

export async function findAccreditation(sequelize: Sequelize, id: string, options: { transaction?: Transaction; lock?: boolean } = {}) {
  const [row] = await queryRows<AccreditationRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM accreditations WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
    { transaction: options.transaction },
  );
  return row && toAccreditation(row);
}

/** Newest window first; `after` is the [validFrom, id] of the last row of the previous page. */
export async function listAccreditations(
  sequelize: Sequelize,
  centreId: string,
  page: { after: [string, string] | undefined; limit: number } = { after: undefined, limit: 500 },
): Promise<Accreditation[]> {
  const rows = await queryRows<AccreditationRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM accreditations
     WHERE centre_id = $1 AND ($2::date IS NULL OR (valid_from, id) < ($2::date, $3::uuid))
     ORDER BY valid_from DESC, id DESC LIMIT $4`,
    [centreId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );
  return rows.map(toAccreditation);
}

/** Accreditations of this centre and programme, other than revoked ones, whose window meets [from, to]. */
export async function overlappingAccreditations(
  sequelize: Sequelize,
  query: { centreId: string; programme: string; validFrom: string; validTo: string },
  transaction: Transaction,
): Promise<Accreditation[]> {
  const rows = await queryRows<AccreditationRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM accreditations
     WHERE centre_id = $1 AND programme_code = $2 AND status <> 'revoked' AND valid_from <= $4 AND valid_to >= $3`,
    [query.centreId, query.programme, query.validFrom, query.validTo],
    { transaction },
  );
  return rows.map(toAccreditation);
}

/** The latest re-apply date set by a revocation of this centre for this programme, if any. */
export async function latestReapplyDate(
  sequelize: Sequelize,
  centreId: string,
  programme: string,
  transaction: Transaction,
): Promise<string | undefined> {
  const [row] = await queryRows<{ reapply_after: string | null }>(
    sequelize,
    `SELECT max(reapply_after) AS reapply_after FROM accreditations WHERE centre_id = $1 AND programme_code = $2 AND status = 'revoked'`,
    [centreId, programme],
    { transaction },
  );
  return row?.reapply_after ?? undefined;
}

export async function updateAccreditationStatus(
  sequelize: Sequelize,
  change: { id: string; status: AccreditationStatus; reason: string; reapplyAfter: string | null; at: Date },
  transaction: Transaction,
): Promise<Accreditation> {
  const [row] = await queryRows<AccreditationRow>(
    sequelize,
    `UPDATE accreditations SET status = $2, reason = $3, reapply_after = $4, updated_at = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
    [change.id, change.status, change.reason, change.reapplyAfter, change.at],
    { transaction },
  );
  if (!row) throw new Error('accreditation update returned nothing');
  return toAccreditation(row);
}

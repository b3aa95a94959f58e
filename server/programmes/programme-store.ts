// Programmes and their dated parameter versions.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type ProgrammeRow = { code: string; name: string; unit: string; currency: string };
export type ParameterVersion = {
  id: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  note: string | null;
  createdAt: string;
};

type VersionRow = { id: string; effective_from: string; values: Record<string, unknown>; note: string | null; created_at: Date };
const toVersion = (row: VersionRow): ParameterVersion => ({
  id: row.id,
  effectiveFrom: row.effective_from,
  values: row.values,
  note: row.note,
  createdAt: row.created_at.toISOString(),
});

/** Programmes by code, those after `afterCode` (a page's cursor) when given. */
export async function listProgrammes(
  sequelize: Sequelize,
  page: { afterCode: string | undefined; limit: number },
): Promise<ProgrammeRow[]> {
  return queryRows<ProgrammeRow>(
    sequelize,
    `SELECT code, name, unit, currency FROM programmes WHERE ($1::text IS NULL OR code > $1) ORDER BY code LIMIT $2`,
    [page.afterCode ?? null, page.limit],
  );
}

export async function findProgramme(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeRow | undefined> {
  const [row] = await queryRows<ProgrammeRow>(sequelize, `SELECT code, name, unit, currency FROM programmes WHERE code = $1`, [code], {
    transaction,
  });
  return row;
}

/** The version in force on `onDate`: the latest one that starts on or before it. */
export async function parametersInForce(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction?: Transaction,
): Promise<ParameterVersion | undefined> {
  const [row] = await queryRows<VersionRow>(
    sequelize,
    `SELECT id, effective_from, "values", note, created_at FROM programme_parameters
     WHERE programme_code = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`,
    [code, onDate],
    { transaction },
  );
  return row && toVersion(row);
}

/** Versions by date (one per date), those starting after `after` (a page's cursor) when given. */
export async function parameterVersions(
  sequelize: Sequelize,
  code: string,
  page: { after: string | undefined; limit: number },
): Promise<ParameterVersion[]> {
  const rows = await queryRows<VersionRow>(
    sequelize,
    `SELECT id, effective_from, "values", note, created_at FROM programme_parameters
     WHERE programme_code = $1 AND ($2::date IS NULL OR effective_from > $2) ORDER BY effective_from LIMIT $3`,
    [code, page.after ?? null, page.limit],
  );
  return rows.map(toVersion);
}

export async function insertParameterVersion(
  sequelize: Sequelize,
  version: { code: string; effectiveFrom: string; values: Record<string, unknown>; note: string | null; createdBy: string },
  transaction: Transaction,
): Promise<ParameterVersion | undefined> {
  const [row] = await queryRows<VersionRow>(
    sequelize,
    `INSERT INTO programme_parameters (programme_code, effective_from, "values", note, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (programme_code, effective_from) DO NOTHING
     RETURNING id, effective_from, "values", note, created_at`,
    [version.code, version.effectiveFrom, JSON.stringify(version.values), version.note, version.createdBy],
    { transaction },
  );
  return row && toVersion(row);
}

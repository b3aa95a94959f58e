// Programmes and their dated parameter versions, through their models (programme-model.ts);
// answers are plain objects. Which version is in force on a date is the database's rule
// (programme_parameters_in_force), the same one its own functions use.
import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { modelsOf } from '../db/models.js';
import type { ProgrammeAttributes, ProgrammeKind } from './programme-model.js';

/** `name` is the English name (the API's field since the start), `nameNl` the Dutch one. */
export type ProgrammeRow = { code: string; kind: ProgrammeKind; name: string; nameNl: string; unit: string; currency: string };
export type ParameterVersion = {
  id: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  note: string | null;
  createdAt: string;
};

const PROGRAMME = ['code', 'kind', 'nameEn', 'nameNl', 'unit', 'currency'];
const toProgramme = ({ nameEn, ...row }: Omit<ProgrammeAttributes, 'createdAt'>): ProgrammeRow => ({ ...row, name: nameEn });
const VERSION = ['id', 'effectiveFrom', 'values', 'note', 'createdAt'];

type VersionRecord = Omit<ParameterVersion, 'createdAt'> & { createdAt: Date };
const toVersion = (row: VersionRecord): ParameterVersion => ({
  id: row.id,
  effectiveFrom: row.effectiveFrom,
  values: row.values,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
});

/** Programmes by code, those after `afterCode` (a page's cursor) when given. */
export async function listProgrammes(
  sequelize: Sequelize,
  page: { afterCode: string | undefined; limit: number },
): Promise<ProgrammeRow[]> {
  const rows = await modelsOf(sequelize).Programme.findAll({
    attributes: PROGRAMME,
    where: page.afterCode === undefined ? {} : { code: { [Op.gt]: page.afterCode } },
    order: [['code', 'ASC']],
    limit: page.limit,
  });
  return rows.map((row) => toProgramme(row.get({ plain: true })));
}

export async function findProgramme(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeRow | undefined> {
  const row = await modelsOf(sequelize).Programme.findByPk(code, { attributes: PROGRAMME, transaction });
  return row ? toProgramme(row.get({ plain: true })) : undefined;
}

/** The version in force on `onDate`: the latest one that starts on or before it. */
export async function parametersInForce(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction?: Transaction,
): Promise<ParameterVersion | undefined> {
  const [row] = await queryRows<VersionRecord>(
    sequelize,
    `SELECT id, effective_from AS "effectiveFrom", "values", note, created_at AS "createdAt" FROM programme_parameters_in_force($1, $2)`,
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
  const rows = await modelsOf(sequelize).ParameterVersion.findAll({
    attributes: VERSION,
    where: { programmeCode: code, ...(page.after === undefined ? {} : { effectiveFrom: { [Op.gt]: page.after } }) },
    order: [['effectiveFrom', 'ASC']],
    limit: page.limit,
  });
  return rows.map((row) => toVersion(row.get({ plain: true })));
}

/** The new version, or undefined when one already starts on that date. */
export async function insertParameterVersion(
  sequelize: Sequelize,
  version: { code: string; effectiveFrom: string; values: Record<string, unknown>; note: string | null; createdBy: string },
  transaction: Transaction,
): Promise<ParameterVersion | undefined> {
  try {
    const created = await modelsOf(sequelize).ParameterVersion.create(
      {
        programmeCode: version.code,
        effectiveFrom: version.effectiveFrom,
        values: version.values,
        note: version.note,
        createdBy: version.createdBy,
      },
      { transaction, returning: true },
    );
    return toVersion(created.get({ plain: true }));
  } catch (error) {
    if (error instanceof UniqueConstraintError) return undefined;
    throw error;
  }
}

/** The new programme, or undefined when its code is taken. */
export async function insertProgramme(
  sequelize: Sequelize,
  programme: Omit<ProgrammeRow, 'name'> & { nameEn: string },
  transaction: Transaction,
): Promise<ProgrammeRow | undefined> {
  try {
    const created = await modelsOf(sequelize).Programme.create(programme, { transaction, returning: true });
    return toProgramme(created.get({ plain: true }));
  } catch (error) {
    if (error instanceof UniqueConstraintError) return undefined;
    throw error;
  }
}

/**
 * The other programmes whose codes or references could start with `prefix`: one whose code it is
 * (its default prefix) or one with a version that sets it as referencePrefix. Codes and references
 * name their programme by their prefix, so two programmes must never share one.
 */
export async function programmesUsingPrefix(sequelize: Sequelize, prefix: string, exceptCode: string, transaction: Transaction) {
  // Openings and prefix changes are rare: one at a time, so two cannot both find a prefix free.
  await queryRows(sequelize, `SELECT pg_advisory_xact_lock(hashtext('programme reference prefixes'))`, [], { transaction });
  const rows = await queryRows<{ code: string }>(
    sequelize,
    `SELECT p.code FROM programmes p
     WHERE p.code <> $2
       AND (p.code = $1 OR EXISTS (SELECT 1 FROM programme_parameters v WHERE v.programme_code = p.code AND v."values"->>'referencePrefix' = $1))
     ORDER BY p.code`,
    [prefix, exceptCode],
    { transaction },
  );
  return rows.map((row) => row.code);
}

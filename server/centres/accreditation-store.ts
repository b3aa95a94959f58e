// Data access for accreditations (a centre's mandate for one programme), through the Accreditation
// model (accreditation-model.ts); answers are plain objects. Whether a mandate is active on a date
// is the database's rule (accreditation_active_on), the same one its own functions use.
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { modelsOf } from '../db/models.js';
import type { AccreditationAttributes, AccreditationModel, AccreditationStatus } from './accreditation-model.js';

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

export const toAccreditation = (row: AccreditationAttributes): Accreditation => ({
  id: row.id,
  centreId: row.centreId,
  programme: row.programmeCode,
  validFrom: row.validFrom,
  validTo: row.validTo,
  status: row.status,
  reason: row.reason,
  reapplyAfter: row.reapplyAfter,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function insertAccreditation(
  sequelize: Sequelize,
  accreditation: { centreId: string; programme: string; validFrom: string; validTo: string; at: Date },
  transaction: Transaction,
): Promise<Accreditation> {
  const { programme, at, ...window } = accreditation;
  const created = await modelsOf(sequelize).Accreditation.create(
    { ...window, programmeCode: programme, createdAt: at, updatedAt: at },
    { transaction },
  );
  return toAccreditation(created.get({ plain: true }));
}

export async function findAccreditation(sequelize: Sequelize, id: string, options: { transaction?: Transaction; lock?: boolean } = {}) {
  const row = await modelsOf(sequelize).Accreditation.findByPk(id, {
    transaction: options.transaction,
    ...(options.lock && options.transaction ? { lock: options.transaction.LOCK.UPDATE } : {}),
  });
  return row ? toAccreditation(row.get({ plain: true })) : undefined;
}

/** Newest window first; `after` is the [validFrom, id] of the last row of the previous page. */
export async function listAccreditations(
  sequelize: Sequelize,
  centreId: string,
  page: { after: [string, string] | undefined; limit: number },
): Promise<Accreditation[]> {
  const { after } = page;
  const rows = await modelsOf(sequelize).Accreditation.findAll({
    where: {
      centreId,
      ...(after && { [Op.or]: [{ validFrom: { [Op.lt]: after[0] } }, { validFrom: after[0], id: { [Op.lt]: after[1] } }] }),
    },
    order: [
      ['validFrom', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: page.limit,
  });
  return rows.map((row) => toAccreditation(row.get({ plain: true })));
}

/** Accreditations of this centre and programme, other than revoked ones, whose window meets [from, to]. */
export async function overlappingAccreditations(
  sequelize: Sequelize,
  query: { centreId: string; programme: string; validFrom: string; validTo: string },
  transaction: Transaction,
): Promise<Accreditation[]> {
  const rows = await modelsOf(sequelize).Accreditation.findAll({
    where: {
      centreId: query.centreId,
      programmeCode: query.programme,
      status: { [Op.ne]: 'revoked' },
      validFrom: { [Op.lte]: query.validTo },
      validTo: { [Op.gte]: query.validFrom },
    },
    transaction,
  });
  return rows.map((row) => toAccreditation(row.get({ plain: true })));
}

/** The latest re-apply date set by a revocation of this centre for this programme, if any. */
export async function latestReapplyDate(
  sequelize: Sequelize,
  centreId: string,
  programme: string,
  transaction: Transaction,
): Promise<string | undefined> {
  const latest = await modelsOf(sequelize).Accreditation.max<string | null, InstanceType<AccreditationModel>>('reapplyAfter', {
    where: { centreId, programmeCode: programme, status: 'revoked' },
    transaction,
  });
  return latest ?? undefined;
}

export async function updateAccreditationStatus(
  sequelize: Sequelize,
  change: { id: string; status: AccreditationStatus; reason: string; reapplyAfter: string | null; at: Date },
  transaction: Transaction,
): Promise<Accreditation> {
  const [, rows] = await modelsOf(sequelize).Accreditation.update(
    { status: change.status, reason: change.reason, reapplyAfter: change.reapplyAfter, updatedAt: change.at },
    { where: { id: change.id }, returning: true, transaction },
  );
  const [row] = rows;
  if (!row) throw new Error('accreditation update returned nothing');
  return toAccreditation(row.get({ plain: true }));
}

/** Whether the centre holds an active accreditation for the programme on the date (never locked). */
export async function isAccreditedOn(
  sequelize: Sequelize,
  query: { centreId: string; programme: string; onDate: string },
  transaction?: Transaction,
): Promise<boolean> {
  const [row] = await queryRows<{ accredited: boolean }>(
    sequelize,
    `SELECT EXISTS (SELECT 1 FROM accreditation_active_on($3) a WHERE a.centre_id = $1 AND a.programme_code = $2) AS accredited`,
    [query.centreId, query.programme, query.onDate],
    { transaction },
  );
  return row?.accredited === true;
}

/** The programmes the centre holds an active accreditation for on the date, by code. */
export async function programmesAccreditedOn(
  sequelize: Sequelize,
  query: { centreId: string; onDate: string },
  transaction?: Transaction,
): Promise<string[]> {
  const rows = await queryRows<{ programme_code: string }>(
    sequelize,
    `SELECT DISTINCT a.programme_code FROM accreditation_active_on($2) a WHERE a.centre_id = $1 ORDER BY a.programme_code`,
    [query.centreId, query.onDate],
    { transaction },
  );
  return rows.map((row) => row.programme_code);
}

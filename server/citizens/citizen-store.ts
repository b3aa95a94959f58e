// Data access for citizens, through the Citizen model and its login (citizen-model.ts); answers
// are plain objects. Facts are stored as validated jsonb (see citizen-facts.ts) with a sibling
// object of recorded dates. Other components read citizens through the public module, citizens.ts.
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { modelsOf } from '../db/models.js';
import type { CitizenAttributes } from './citizen-model.js';
import type { CitizenFacts } from './citizen-facts.js';
import type { FactsRecordedOn } from './facts-recording.js';
import type { Citizen } from './citizens.js';

/** A citizen with the login e-mail and creation time, as the API shows it. */
export type CitizenProfile = Citizen & { email: string; createdAt: string };

type ProfileRecord = CitizenAttributes & { login: { email: string } };

const toProfile = (row: ProfileRecord): CitizenProfile => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  nationalId: row.nationalId,
  scheme: row.nationalIdScheme,
  facts: row.facts,
  factsRecordedOn: row.factsRecordedOn,
  email: row.login.email,
  createdAt: row.createdAt.toISOString(),
});

/** The citizen with the e-mail of their login, read in one statement through the association. */
const withLogin = (sequelize: Sequelize) => ({
  model: modelsOf(sequelize).CitizenLogin,
  as: 'login',
  attributes: ['email'],
  required: true,
});

export async function insertCitizen(sequelize: Sequelize, citizen: Omit<Citizen, 'id'>, transaction: Transaction): Promise<string> {
  const created = await modelsOf(sequelize).Citizen.create(
    {
      userId: citizen.userId,
      name: citizen.name,
      nationalId: citizen.nationalId,
      nationalIdScheme: citizen.scheme,
      facts: citizen.facts,
      factsRecordedOn: citizen.factsRecordedOn,
    },
    { transaction },
  );
  return created.get({ plain: true }).id;
}

/** By citizen id or by the citizen's login; `lock` holds the citizen's row until the transaction ends. */
export async function findProfile(
  sequelize: Sequelize,
  key: { id: string } | { userId: string } | { nationalId: string },
  options: { transaction?: Transaction | undefined; lock?: boolean } = {},
): Promise<CitizenProfile | undefined> {
  const { Citizen } = modelsOf(sequelize);
  const row = await Citizen.findOne({
    where: key,
    include: [withLogin(sequelize)],
    transaction: options.transaction,
    ...(options.lock && options.transaction ? { lock: { level: options.transaction.LOCK.UPDATE, of: Citizen } } : {}),
  });
  return row ? toProfile(row.get({ plain: true }) as ProfileRecord) : undefined;
}

/** The citizen's login, or undefined when there is no such citizen. */
export async function findCitizenUserId(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<string | undefined> {
  const row = await modelsOf(sequelize).Citizen.findByPk(id, { attributes: ['userId'], transaction });
  return row?.get({ plain: true }).userId;
}

/** Locks the citizen's row until the transaction ends; false when there is no such citizen. */
export async function lockCitizenRow(sequelize: Sequelize, id: string, transaction: Transaction): Promise<boolean> {
  const row = await modelsOf(sequelize).Citizen.findByPk(id, { attributes: ['id'], transaction, lock: transaction.LOCK.UPDATE });
  return row !== null;
}

export async function nationalIdTaken(sequelize: Sequelize, nationalId: string, transaction?: Transaction): Promise<boolean> {
  const row = await modelsOf(sequelize).Citizen.findOne({ attributes: ['id'], where: { nationalId }, transaction });
  return row !== null;
}

export async function replaceFacts(
  sequelize: Sequelize,
  id: string,
  facts: CitizenFacts,
  recordedOn: FactsRecordedOn,
  transaction: Transaction,
): Promise<void> {
  await modelsOf(sequelize).Citizen.update({ facts, factsRecordedOn: recordedOn }, { where: { id }, transaction });
}

/** One page of profiles in id order, after `afterId` (keyset pagination). */
export async function listProfiles(sequelize: Sequelize, page: { afterId: string | undefined; limit: number }): Promise<CitizenProfile[]> {
  const rows = await modelsOf(sequelize).Citizen.findAll({
    where: page.afterId === undefined ? {} : { id: { [Op.gt]: page.afterId } },
    include: [withLogin(sequelize)],
    order: [['id', 'ASC']],
    limit: page.limit,
  });
  return rows.map((row) => toProfile(row.get({ plain: true }) as ProfileRecord));
}

/**
 * A batch of facts in id order for bulk evaluation: pass the last id of one batch as `afterId`
 * of the next; an empty batch means the end. Only the columns a decision needs are read.
 */
export async function streamCitizenFacts(
  sequelize: Sequelize,
  page: { afterId?: string | undefined; limit: number },
  transaction?: Transaction,
): Promise<{ id: string; facts: CitizenFacts; factsRecordedOn: FactsRecordedOn }[]> {
  const rows = await modelsOf(sequelize).Citizen.findAll({
    attributes: ['id', 'facts', 'factsRecordedOn'],
    where: page.afterId === undefined ? {} : { id: { [Op.gt]: page.afterId } },
    order: [['id', 'ASC']],
    limit: page.limit,
    transaction,
  });
  return rows.map((row) => {
    const { id, facts, factsRecordedOn } = row.get({ plain: true });
    return { id, facts, factsRecordedOn };
  });
}

// Data access for citizens. Plain objects out; facts are stored as validated jsonb (see
// citizen-facts.ts) with a sibling object of recorded dates. Other components read citizens
// through the public module, citizens.ts.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { CitizenFacts } from './citizen-facts.js';
import type { FactsRecordedOn } from './facts-recording.js';
import type { Citizen } from './citizens.js';
import type { NationalIdScheme } from './national-id.js';

/** A citizen with the login e-mail and creation time, as the API shows it. */
export type CitizenProfile = Citizen & { email: string; createdAt: string };

type ProfileRow = {
  id: string;
  user_id: string;
  name: string;
  national_id: string;
  national_id_scheme: NationalIdScheme;
  facts: CitizenFacts;
  facts_recorded_on: FactsRecordedOn;
  email: string;
  created_at: Date;
};

const SELECT_PROFILE = `
  SELECT c.id, c.user_id, c.name, c.national_id, c.national_id_scheme, c.facts, c.facts_recorded_on, u.email, c.created_at
  FROM citizens c JOIN users u ON u.id = c.user_id`;

const toProfile = (row: ProfileRow): CitizenProfile => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  nationalId: row.national_id,
  scheme: row.national_id_scheme,
  facts: row.facts,
  factsRecordedOn: row.facts_recorded_on,
  email: row.email,
  createdAt: row.created_at.toISOString(),
});

export async function insertCitizen(sequelize: Sequelize, citizen: Omit<Citizen, 'id'>, transaction: Transaction): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO citizens (user_id, name, national_id, national_id_scheme, facts, facts_recorded_on)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING id`,
    [
      citizen.userId,
      citizen.name,
      citizen.nationalId,
      citizen.scheme,
      JSON.stringify(citizen.facts),
      JSON.stringify(citizen.factsRecordedOn),
    ],
    { transaction },
  );
  if (!row) throw new Error('citizen insert returned nothing');
  return row.id;
}

/** By citizen id or by the citizen's login; `lock` holds the row until the transaction ends. */
export async function findProfile(
  sequelize: Sequelize,
  key: { id: string } | { userId: string },
  options: { transaction?: Transaction | undefined; lock?: boolean } = {},
): Promise<CitizenProfile | undefined> {
  const where = 'id' in key ? 'c.id = $1' : 'c.user_id = $1';
  const lock = options.lock ? ' FOR UPDATE OF c' : '';
  const [row] = await queryRows<ProfileRow>(sequelize, `${SELECT_PROFILE} WHERE ${where}${lock}`, ['id' in key ? key.id : key.userId], {
    transaction: options.transaction,
  });
  return row && toProfile(row);
}

/** The citizen's login, or undefined when there is no such citizen. */
export async function findCitizenUserId(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<string | undefined> {
  const [row] = await queryRows<{ user_id: string }>(sequelize, `SELECT user_id FROM citizens WHERE id = $1`, [id], { transaction });
  return row?.user_id;
}

/** Locks the citizen's row until the transaction ends; false when there is no such citizen. */
export async function lockCitizenRow(sequelize: Sequelize, id: string, transaction: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT id FROM citizens WHERE id = $1 FOR UPDATE`, [id], { transaction });
  return rows.length === 1;
}

export async function nationalIdTaken(sequelize: Sequelize, nationalId: string, transaction?: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT 1 FROM citizens WHERE national_id = $1`, [nationalId], { transaction });
  return rows.length > 0;
}

export async function replaceFacts(
  sequelize: Sequelize,
  id: string,
  facts: CitizenFacts,
  recordedOn: FactsRecordedOn,
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE citizens SET facts = $2::jsonb, facts_recorded_on = $3::jsonb WHERE id = $1`,
    [id, JSON.stringify(facts), JSON.stringify(recordedOn)],
    {
      transaction,
    },
  );
}

/** One page of profiles in id order, after `afterId` (keyset pagination). */
export async function listProfiles(sequelize: Sequelize, page: { afterId: string | undefined; limit: number }): Promise<CitizenProfile[]> {
  const rows = await queryRows<ProfileRow>(sequelize, `${SELECT_PROFILE} WHERE ($1::uuid IS NULL OR c.id > $1) ORDER BY c.id LIMIT $2`, [
    page.afterId ?? null,
    page.limit,
  ]);
  return rows.map(toProfile);
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
  const rows = await queryRows<{ id: string; facts: CitizenFacts; facts_recorded_on: FactsRecordedOn }>(
    sequelize,
    `SELECT id, facts, facts_recorded_on FROM citizens WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [page.afterId ?? null, page.limit],
    { transaction },
  );
  return rows.map((row) => ({ id: row.id, facts: row.facts, factsRecordedOn: row.facts_recorded_on }));
}

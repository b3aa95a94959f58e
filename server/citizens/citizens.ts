// The citizens component as the others see it: who a citizen is, their login (to notify them)
// and a lock that serialises the flows of one citizen.
import type { Sequelize, Transaction } from 'sequelize';
import type { CitizenFacts } from './citizen-facts.js';
import { findCitizenUserId, findProfile, lockCitizenRow } from './citizen-store.js';
import type { FactsRecordedOn } from './facts-recording.js';
import type { NationalIdScheme } from './national-id.js';

/** Reads a national number as typed (either scheme), normalised; for forms that find a citizen by it. */
export { parseNationalId } from './national-id.js';

/** The regions and sexes a citizen's facts may hold, which reach statistics break down by. */
export { REGIONS, SEXES } from './citizen-facts.js';

export type Citizen = {
  id: string;
  userId: string;
  name: string;
  nationalId: string;
  scheme: NationalIdScheme;
  facts: CitizenFacts;
  factsRecordedOn: FactsRecordedOn;
};

export async function findCitizen(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<Citizen | undefined> {
  const profile = await findProfile(sequelize, { id }, { transaction });
  if (!profile) return undefined;
  const { email: _email, createdAt: _createdAt, ...citizen } = profile;
  return citizen;
}

/**
 * The citizen with the e-mail address of their login, found by id or by the national number an
 * administrator reads from their identity document at the counter (assisted digital).
 */
export async function findCitizenWithLogin(
  sequelize: Sequelize,
  key: { id: string } | { nationalId: string },
): Promise<(Citizen & { email: string }) | undefined> {
  const profile = await findProfile(sequelize, key);
  if (!profile) return undefined;
  const { createdAt: _createdAt, ...citizen } = profile;
  return citizen;
}

/** The user a citizen logs in as (notifications are addressed to users). */
export const citizenUserId = (sequelize: Sequelize, citizenId: string, transaction?: Transaction): Promise<string | undefined> =>
  findCitizenUserId(sequelize, citizenId, transaction);

/** Holds the citizen until the transaction ends, so two flows of one citizen run one after the other. */
export const lockCitizen = (sequelize: Sequelize, citizenId: string, transaction: Transaction): Promise<boolean> =>
  lockCitizenRow(sequelize, citizenId, transaction);

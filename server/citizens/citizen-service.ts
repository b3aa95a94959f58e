// Citizens as administrators register and correct them, and as citizens see themselves. A
// citizen is a login (role citizen) plus a record of facts, created together or not at all.
// Centres have no way in here: they never list or look up citizens (the ILA fraud lesson).
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { hashPassword } from '../auth/passwords.js';
import { emailTaken, insertUser } from '../auth/user-store.js';
import { inTransaction, uniqueViolationOf } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { createdRecord, factsReplacedRecord } from './citizen-audit.js';
import type { CitizenFacts } from './citizen-facts.js';
import { findProfile, insertCitizen, listProfiles, nationalIdTaken, replaceFacts, type CitizenProfile } from './citizen-store.js';
import { recordFacts } from './facts-recording.js';
import type { NationalId } from './national-id.js';

type Services = Pick<AppContext, 'sequelize' | 'clock' | 'config'>;
type Actor = AuditEntry['actor'];
type Options = { requestId?: string; transaction?: Transaction | undefined };

export type CitizenRegistration = { email: string; name: string; nationalId: NationalId; facts: CitizenFacts };

/** The API's view of a citizen; the password hash never leaves the users table. */
export const describeCitizen = (citizen: CitizenProfile) => ({
  id: citizen.id,
  userId: citizen.userId,
  email: citizen.email,
  name: citizen.name,
  nationalId: citizen.nationalId,
  nationalIdScheme: citizen.scheme,
  facts: citizen.facts,
  factsRecordedOn: citizen.factsRecordedOn,
  createdAt: citizen.createdAt,
});

export type CitizenView = ReturnType<typeof describeCitizen>;

export async function registerCitizen(
  app: Services,
  actor: Actor,
  registration: CitizenRegistration & { password: string },
  options: Options = {},
) {
  const { password, ...rest } = registration;
  return registerCitizenWithHash(app, actor, { ...rest, passwordHash: await hashPassword(password) }, options);
}

/** For seeders and test factories that hash one password once for many citizens. */
export async function registerCitizenWithHash(
  app: Services,
  actor: Actor,
  registration: CitizenRegistration & { passwordHash: string },
  options: Options = {},
): Promise<CitizenView> {
  const { sequelize } = app;
  return withUniqueChecks(() =>
    inTransaction(sequelize, options.transaction, async (transaction) => {
      if (await emailTaken(sequelize, registration.email, transaction)) throw emailTakenError();
      if (await nationalIdTaken(sequelize, registration.nationalId.value, transaction)) throw citizenExistsError();
      const user = await insertUser(
        sequelize,
        { email: registration.email, passwordHash: registration.passwordHash, name: registration.name, role: 'citizen' },
        transaction,
      );
      const factsRecordedOn = recordFacts(undefined, registration.facts, app.clock.today());
      const { value: nationalId, scheme } = registration.nationalId;
      const citizen = { userId: user.id, name: registration.name, nationalId, scheme, facts: registration.facts, factsRecordedOn };
      const id = await insertCitizen(sequelize, citizen, transaction);
      const profile = await findProfile(sequelize, { id }, { transaction });
      if (!profile) throw new Error(`citizen ${id} vanished inside its own transaction`);
      const view = describeCitizen(profile);
      await recordAudit(sequelize, transaction, {
        actor,
        action: 'citizen.created',
        entityType: 'citizen',
        entityId: id,
        ...createdRecord(app.config.auditFingerprintKey, view),
        requestId: options.requestId,
      });
      return view;
    }),
  );
}

export async function replaceCitizenFacts(
  app: Services,
  actor: Actor,
  id: string,
  facts: CitizenFacts,
  options: Options = {},
): Promise<CitizenView> {
  const { sequelize } = app;
  return inTransaction(sequelize, options.transaction, async (transaction) => {
    // The row lock makes concurrent replacements take turns, so recorded dates stay coherent.
    const current = await findProfile(sequelize, { id }, { transaction, lock: true });
    if (!current) throw notFound(`Citizen ${id}`);
    const factsRecordedOn = recordFacts({ facts: current.facts, recordedOn: current.factsRecordedOn }, facts, app.clock.today());
    await replaceFacts(sequelize, id, facts, factsRecordedOn, transaction);
    await recordAudit(sequelize, transaction, {
      actor,
      action: 'citizen.facts.replaced',
      entityType: 'citizen',
      entityId: id,
      ...factsReplacedRecord(app.config.auditFingerprintKey, current, { facts, factsRecordedOn }),
      requestId: options.requestId,
    });
    return describeCitizen({ ...current, facts, factsRecordedOn });
  });
}

export async function getCitizen(app: Services, id: string): Promise<CitizenView> {
  const citizen = await findProfile(app.sequelize, { id });
  if (!citizen) throw notFound(`Citizen ${id}`);
  return describeCitizen(citizen);
}

/** The caller's own record, found by their login, never by an id they could choose. */
export async function getOwnProfile(app: Services, userId: string): Promise<CitizenView> {
  const citizen = await findProfile(app.sequelize, { userId });
  if (!citizen) throw notFound('Your citizen record');
  return describeCitizen(citizen);
}

export async function listCitizens(app: Services, page: { afterId: string | undefined; limit: number }) {
  return (await listProfiles(app.sequelize, { afterId: page.afterId, limit: page.limit })).map(describeCitizen);
}

const emailTakenError = () => conflict('email_taken', 'Another account already uses this e-mail address.');
const citizenExistsError = () => conflict('citizen_exists', 'A citizen with this national number is already registered.');

/** Two registrations racing past the checks above meet the unique indexes: still a 409. */
async function withUniqueChecks<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = uniqueViolationOf(error);
    if (constraint === 'users_email_key') throw emailTakenError();
    if (constraint === 'citizens_national_id_key') throw citizenExistsError();
    throw error;
  }
}

// Demo data for the reach and centre monitoring pages (issue 18, items 8 and 9): 36 LBC citizens
// with the facts reach counts by (sex, highest qualification, age, region), each with an eligibility
// decision of the seeding day; 14 of the eligible claim their right, 4 of those have a cheque paid,
// registered at Loopbaancentrum Antwerpen with a guidance session, and 2 of those are closed with a
// development plan. So /admin/reach shows groups of 10 or more beside withheld small ones, and
// /admin/monitoring a centre with hours, sessions and closed cheques. Everything goes through the
// services behind the endpoints (decisions, claims, cheques, sessions are real and audited); a
// citizen whose national number is registered already is left as it is, so a reseed adds nothing.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { AppContext } from '../server/app-context.js';
import type { Principal } from '../server/auth/principal.js';
import { hashPassword } from '../server/auth/passwords.js';
import { claimRight } from '../server/claims/claims.js';
import { citizenFactsSchema } from '../server/citizens/citizen-facts.js';
import { registerCitizenWithHash } from '../server/citizens/citizen-service.js';
import { nationalIdTaken } from '../server/citizens/citizen-store.js';
import { parseNationalId } from '../server/citizens/national-id.js';
import { queryRows } from '../server/db/database.js';
import type { SeedContext } from '../server/db/migrator.js';
import { decideEligibility } from '../server/eligibility/eligibility.js';
import { answerInStatement, answerInTransaction, requestFingerprint, type IdempotencyClaim } from '../server/http/idempotency.js';
import { closeVoucher, confirmPayment, orderVoucher, recordSession, registerVoucher, sessionReply } from '../server/vouchers/vouchers.js';
import { demoAdministrators, seedingApp, withSeedingLock } from './config-seeding.js';

const PROGRAMME = 'LBC';
const CENTRE_ENTERPRISE_NUMBER = '0412345614'; // Loopbaancentrum Antwerpen (30-demo-centres.ts)
const PEOPLE = 36;
const SEXES = ['female', 'male', 'other', 'not_stated'] as const;
const ISCED = [6, 3, 7, 4, 2, 6, 3, 5, 4];

/** The i-th person: 20 women, 12 men, 2 other, 2 not stated; a fifth in Brussels; every ninth a jobseeker (refused). */
function person(index: number) {
  const sex = index < 20 ? SEXES[0] : index < 32 ? SEXES[1] : index < 34 ? SEXES[2] : SEXES[3];
  // Born 1975 to 1994: most in their thirties and forties, so each table has a group of 10 or more.
  const year = 1975 + ((index * 7) % 20);
  const month = (index % 12) + 1;
  const day = (index % 27) + 1;
  const region = index % 5 === 4 ? 'BRU' : 'VLG';
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    index,
    nationalId: belgianNumber(year, month, day, 700 + index),
    facts: {
      birthDate,
      residenceCountry: 'BE',
      residenceRegion: region,
      workRegion: region,
      employmentStatus: index % 9 === 8 ? 'unemployed' : 'employee',
      workExperienceDays: 3000 + index * 40,
      sex,
      highestQualification: ISCED[index % ISCED.length],
    },
    claims: index % 5 < 3 && index < 24,
  };
}

/** A Belgian national number of someone born before 2000: check digits 97 - (YYMMDDSSS mod 97). */
function belgianNumber(year: number, month: number, day: number, serial: number): string {
  const digits = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const check = String(97 - (Number(digits) % 97)).padStart(2, '0');
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6)}.${check}`;
}

const claimOf = (principal: Principal, key: string, path: string, body: unknown): IdempotencyClaim => ({
  scope: `user:${principal.userId}`,
  key,
  fingerprint: requestFingerprint('POST', path, body),
  instance: path,
});

async function centreStaff(app: AppContext): Promise<Principal & { centreId: string }> {
  const [row] = await queryRows<{ id: string; email: string; centre_id: string }>(
    app.sequelize,
    `SELECT u.id, u.email, u.centre_id FROM users u JOIN centres c ON c.id = u.centre_id
      WHERE c.enterprise_number = $1 AND u.role = 'centre' ORDER BY u.created_at LIMIT 1`,
    [CENTRE_ENTERPRISE_NUMBER],
  );
  if (!row) throw new Error('the reach demo needs the demo centre Loopbaancentrum Antwerpen and its staff');
  return { userId: row.id, role: 'centre', email: row.email, centreId: row.centre_id, citizenId: null };
}

/** The right granted by the claim, then (for `use`) a cheque ordered, paid, registered, a session, and (for `close`) closed. */
async function claimAndUse(app: AppContext, citizen: Principal, use: { session: boolean; close: boolean }) {
  const path = `/v1/programmes/${PROGRAMME}/claims`;
  const granted = await claimRight({
    app,
    code: PROGRAMME,
    principal: citizen,
    language: 'en',
    claim: claimOf(citizen, `demo-reach-${randomUUID()}`, path, {}),
    body: {},
  });
  const rightId = (granted.body as { id?: unknown }).id;
  if (granted.status !== 201 || typeof rightId !== 'string')
    throw new Error(`the reach demo's claim was answered ${String(granted.status)}`);
  if (!use.session) return;
  const orderPath = `/v1/entitlements/${rightId}/vouchers`;
  const ordered = await answerInTransaction(
    app.sequelize,
    claimOf(citizen, `demo-reach-${randomUUID()}`, orderPath, {}),
    async (transaction) => ({
      status: 201,
      body: await orderVoucher(app, { principal: citizen, entitlementId: rightId, transaction }),
    }),
  );
  const cheque = ordered.body as { code: string; clientNumber: string; coPayment: { amount: string } };
  const { author } = await demoAdministrators(app);
  const payment = { amount: cheque.coPayment.amount, reference: `DEMO-REACH-${cheque.code}` };
  const paymentPath = `/v1/vouchers/${cheque.code}/payments`;
  await answerInTransaction(app.sequelize, claimOf(author, `demo-reach-${randomUUID()}`, paymentPath, payment), async (transaction) => ({
    status: 200,
    body: await confirmPayment(app, {
      principal: author,
      code: cheque.code,
      amount: new Decimal(payment.amount),
      reference: payment.reference,
      transaction,
      requestId: `seed:${randomUUID()}`,
    }),
  }));
  const staff = await centreStaff(app);
  const at = { principal: staff, centreId: staff.centreId, code: cheque.code, requestId: `seed:${randomUUID()}` };
  await registerVoucher(app, { ...at, clientNumber: cheque.clientNumber });
  const session = { date: app.clock.today(), hours: new Decimal('1.50'), counsellor: 'Els Janssens', kind: 'guidance' as const };
  const sessionPath = `/v1/centres/${staff.centreId}/vouchers/${cheque.code}/sessions`;
  const sessionClaim = claimOf(staff, `demo-reach-${randomUUID()}`, sessionPath, { ...session, hours: '1.50' });
  const recorded = await answerInStatement(
    app.sequelize,
    sessionClaim,
    () => recordSession(app, { ...at, session }, sessionClaim),
    sessionReply,
  );
  if (recorded.status !== 201) throw new Error(`the reach demo's session was answered ${String(recorded.status)}`);
  if (use.close) {
    await closeVoucher(app, { ...at, plan: { summary: 'Wants to move into a team lead role.', goals: ['Take a leadership course'] } });
  }
}

export async function up(context: SeedContext) {
  const app = seedingApp(context);
  await withSeedingLock(app, 'reach', async () => {
    const passwordHash = await hashPassword(app.config.demoPassword);
    let users = 0;
    for (let index = 0; index < PEOPLE; index++) {
      const demo = person(index);
      const nationalId = parseNationalId(demo.nationalId);
      if (!nationalId.ok) throw new Error(`demo national id ${demo.nationalId}: ${nationalId.message}`);
      if (await nationalIdTaken(app.sequelize, nationalId.id.value)) continue;
      const number = String(index + 1).padStart(2, '0');
      const citizen = await registerCitizenWithHash(
        app,
        { userId: null, role: 'system' },
        {
          email: `citizen.reach.${number}@demo.test`,
          name: `Reach demo ${number}`,
          nationalId: nationalId.id,
          facts: citizenFactsSchema.parse(demo.facts),
          passwordHash,
        },
      );
      const principal: Principal = { userId: citizen.userId, role: 'citizen', email: citizen.email, centreId: null, citizenId: citizen.id };
      const decision = await decideEligibility(app, {
        citizenId: citizen.id,
        programmeCode: PROGRAMME,
        referenceDate: app.clock.today(),
        actor: { userId: null },
        language: 'en',
      });
      if (!decision.eligible || !demo.claims) continue;
      users += 1;
      await claimAndUse(app, principal, { session: users <= 4, close: users <= 2 });
    }
  });
}

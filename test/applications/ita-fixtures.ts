// Shared set-up for the ITA application tests: the service date, a funded ITA budget, eligible
// Scottish citizens, accredited providers with approved courses, and the HTTP steps of the flow.
// The steps take the programme's code: the shared ITA by default, or a test's own programme like
// ITA (openItaLike) when the test changes its parameters or spends or holds its whole budget.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { addDays } from '../../server/shared/calendar.js';
import { verifyLedger, formatReport } from '../../server/ledger/ledger-verify.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre, createCourse, type TestCentre } from '../support/centre-factory.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';

/** Moves the test app's clock to 09:00 on `date`; the root hooks put it back after the test. */
export const setToday = (h: Harness, date: string) => h.clock.set(`${date}T09:00:00Z`);

export async function fundIta(h: Harness, amount = '100000.00') {
  await fundBudget(h.sequelize, {
    code: 'ITA',
    amount: new Decimal(amount),
    note: 'ITA application tests',
    businessDate: h.clock.today(),
    actor: { userId: null, role: 'system' },
  });
}

/** Facts the bundled ITA rules accept on the clock's today (unemployed, fresh evidence). */
export const eligibleFacts = (today: string) => ({
  birthDate: '1990-05-01',
  residenceCountry: 'GB',
  residenceRegion: 'SCT',
  workRegion: 'SCT',
  employmentStatus: 'unemployed',
  annualIncome: { amount: '0.00', currency: 'GBP', year: Number(today.slice(0, 4)) - 1, evidenceDate: addDays(today, -10) },
  benefits: ['JSA'],
  inFullTimeEducation: false,
  inOtherFundedProgramme: false,
});

export const itaCitizen = (h: Harness, facts: Record<string, unknown> = {}): Promise<TestCitizen> =>
  createCitizen(h, { scheme: 'UK_NINO', facts: { ...eligibleFacts(h.clock.today()), ...facts } });

export const itaProvider = (h: Harness, accreditation: 'active' | 'suspended' = 'active', programme = 'ITA'): Promise<TestCentre> =>
  createCentre(h, { programme, accreditation });

export async function providerWithCourse(h: Harness, price = '150.00', programme = 'ITA') {
  const provider = await itaProvider(h, 'active', programme);
  const course = await createCourse(h, provider.id, { price, currency: 'GBP', programme });
  return { provider, course };
}

export const claimIta = (h: Harness, citizen: Actor, courseId: string, key = idempotencyKey(), programme = 'ITA') =>
  h.http.post(`/v1/programmes/${programme}/claims`).set(citizen.auth).set('Idempotency-Key', key).send({ courseId });

/** A claim that must succeed: returns the application body. */
export async function applyFor(h: Harness, citizen: Actor, courseId: string, programme = 'ITA') {
  const res = await claimIta(h, citizen, courseId, idempotencyKey(), programme);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as { reference: string; status: string; fundedAmount: { amount: string }; verifyBy: string; entitlementId: string };
}

export const verify = (h: Harness, staff: Actor, centreId: string, reference: string) =>
  h.http.post(`/v1/centres/${centreId}/applications/${reference}/verify`).set(staff.auth);

export const claimFunding = (
  h: Harness,
  staff: Actor,
  centreId: string,
  reference: string,
  courseStartDate: string,
  key = idempotencyKey(),
) =>
  h.http
    .post(`/v1/centres/${centreId}/applications/${reference}/claim`)
    .set(staff.auth)
    .set('Idempotency-Key', key)
    .send({ courseStartDate });

export async function expectLedgerOk(h: Harness) {
  const report = await verifyLedger(h.sequelize);
  expect(report.ok, formatReport(report)).to.equal(true);
}

/**
 * What the programme's budget (its account and its lanes) gave these applications (negative) or got back from
 * them, read from their own grant and release transactions. Other files claim from the same budget
 * meanwhile, so the budget's remaining amount cannot tell what one test moved.
 */
export async function budgetMovedFor(h: Harness, references: string[]): Promise<Decimal> {
  const [row] = await queryRows<{ moved: string }>(
    h.sequelize,
    `SELECT coalesce(sum(e.amount), 0) AS moved
     FROM ledger_transactions t
     JOIN ledger_entries e ON e.transaction_id = t.id
     JOIN ledger_accounts a ON a.id = e.account_id
     WHERE t.metadata->>'reference' = ANY($1)
       AND a.owner_type IN ('programme_budget', 'programme_budget_lane')`,
    [references],
  );
  return new Decimal(row!.moved);
}

/** Grants ever posted for a course (each test makes its own, of one programme): a refused claim posts none. */
export async function grantsForCourse(h: Harness, courseId: string): Promise<number> {
  const [row] = await queryRows<{ grants: number }>(
    h.sequelize,
    `SELECT count(*)::integer AS grants FROM ledger_transactions WHERE kind = 'grant' AND metadata->>'courseId' = $1`,
    [courseId],
  );
  return row!.grants;
}

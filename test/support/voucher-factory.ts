// Hours voucher set-up for tests, through the real endpoints: a funded budget, eligible Flemish
// citizens, an accredited centre, and each step of a cheque's life (claim, order, pay, register,
// session). A test file opens a programme like LBC of its own (openVoucherProgramme) so its
// budget, parameters and jobs' cheques are its own; the LBC helpers stay for tests of LBC itself.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { formatReport, verifyLedger } from '../../server/ledger/ledger-verify.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { signPaymentCallback } from '../../server/vouchers/payment-auth.js';
import { createActor, idempotencyKey, type Actor } from './actors.js';
import { createCentre, type TestCentre } from './centre-factory.js';
import { createCitizen, type TestCitizen } from './citizen-factory.js';
import type { Harness } from './harness.js';
import { openLbcLike, type LikeOptions } from './reference-like-programmes.js';

/** Moves the test app's clock to 09:00 on `date`; the root hooks put it back after the test. */
export const setToday = (h: Harness, date: string) => h.clock.set(`${date}T09:00:00Z`);

export async function fundLbc(h: Harness, amount = '1000000.00') {
  await fundBudget(h.sequelize, {
    code: 'LBC',
    amount: new Decimal(amount),
    note: 'LBC tests',
    businessDate: h.clock.today(),
    actor: { userId: null, role: 'system' },
  });
}

/** Facts the bundled LBC rules accept: a Flemish employee with 3,000 days of experience. */
export const eligibleLbcFacts = {
  birthDate: '1980-03-14',
  residenceCountry: 'BE',
  residenceRegion: 'VLG',
  workRegion: 'VLG',
  employmentStatus: 'employee',
  workExperienceDays: 3000,
};

export const lbcCitizen = (h: Harness, facts: Record<string, unknown> = {}): Promise<TestCitizen> =>
  createCitizen(h, { facts: { ...eligibleLbcFacts, ...facts } });

type Accreditation = 'active' | 'suspended' | 'none';

export const lbcCentre = (h: Harness, accreditation: Accreditation = 'active', programme = 'LBC'): Promise<TestCentre> =>
  createCentre(h, { programme, accreditation });

export const adminActor = (h: Harness) => createActor(h, 'admin');

export const claimLbc = (h: Harness, citizen: Actor, key = idempotencyKey(), programme = 'LBC') =>
  h.http.post(`/v1/programmes/${programme}/claims`).set(citizen.auth).set('Idempotency-Key', key).send({});

export type Granted = { id: string; balance: Record<string, string>; decision: { decisionId: string; eligible: boolean } };

export async function grant(h: Harness, citizen: Actor, programme = 'LBC'): Promise<Granted> {
  const res = await claimLbc(h, citizen, idempotencyKey(), programme);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as Granted;
}

export const orderVoucher = (h: Harness, citizen: Actor, entitlementId: string, key = idempotencyKey()) =>
  h.http.post(`/v1/entitlements/${entitlementId}/vouchers`).set(citizen.auth).set('Idempotency-Key', key).send();

export type Ordered = {
  code: string;
  clientNumber: string;
  sequence: number;
  hours: { amount: string };
  coPayment: { amount: string; dueBy: string };
  status: string;
};

export async function order(h: Harness, citizen: Actor, entitlementId: string): Promise<Ordered> {
  const res = await orderVoucher(h, citizen, entitlementId);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as Ordered;
}

/** An administrator confirms a co-payment seen on the bank account, with its (unique) bank reference. */
export const payAsAdmin = (h: Harness, admin: Actor, code: string, amount: string | number = '45.00', key = idempotencyKey()) =>
  h.http
    .post(`/v1/vouchers/${code}/payments`)
    .set(admin.auth)
    .set('Idempotency-Key', key)
    .send({ amount, reference: `BANK-${key.slice(-12)}` });

export type CallbackOptions = { key?: string; secret?: string; timestamp?: number; signedFor?: string };

/**
 * The payment provider's callback to cheque `code`, signed with the test webhook secret (or
 * `secret`) for that cheque's URL, or for the URL of cheque `signedFor` (a replayed callback).
 */
export function providerCallback(h: Harness, code: string, body: Record<string, unknown>, options: CallbackOptions = {}) {
  const raw = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(h.clock.now().getTime() / 1000));
  const path = (cheque: string) => `/v1/vouchers/${cheque}/payments`;
  const signed = { method: 'POST', path: path(options.signedFor ?? code), timestamp, rawBody: raw };
  const signature = signPaymentCallback(options.secret ?? h.config.paymentWebhookSecret ?? '', signed);
  return h.http
    .post(path(code))
    .set('Content-Type', 'application/json')
    .set('Idempotency-Key', options.key ?? idempotencyKey())
    .set('X-Signature', signature)
    .set('X-Signature-Timestamp', timestamp)
    .send(raw);
}

export const register = (h: Harness, centre: TestCentre, code: string, clientNumber: string) =>
  h.http.post(`/v1/centres/${centre.id}/vouchers/${code}/registration`).set(centre.staff.auth).send({ clientNumber });

export const recordSession = (h: Harness, centre: TestCentre, code: string, session: Record<string, unknown>, key = idempotencyKey()) =>
  h.http.post(`/v1/centres/${centre.id}/vouchers/${code}/sessions`).set(centre.staff.auth).set('Idempotency-Key', key).send(session);

export const closeCheque = (h: Harness, centre: TestCentre, code: string) =>
  h.http
    .post(`/v1/centres/${centre.id}/vouchers/${code}/close`)
    .set(centre.staff.auth)
    .send({
      developmentPlan: {
        summary: 'Wants to move into project management.',
        goals: ['Take a PRINCE2 course', 'Talk to HR about a transfer'],
      },
    });

/** A citizen with a granted right of `programme` and an ordered (unpaid) cheque. */
export async function orderedCheque(h: Harness, programme = 'LBC') {
  const citizen = await lbcCitizen(h);
  const entitlement = await grant(h, citizen.actor, programme);
  const cheque = await order(h, citizen.actor, entitlement.id);
  return { citizen, entitlement, cheque };
}

/** A citizen with a granted right and a paid cheque registered at a fresh accredited centre. */
export async function chequeInUse(h: Harness, admin: Actor, programme = 'LBC') {
  const { citizen, entitlement, cheque } = await orderedCheque(h, programme);
  expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
  const centre = await lbcCentre(h, 'active', programme);
  const registered = await register(h, centre, cheque.code, cheque.clientNumber);
  expect(registered.status, JSON.stringify(registered.body)).to.equal(200);
  return { citizen, entitlement, cheque, centre };
}

export const guidance = (date: string, hours: string | number = '1.00') => ({ date, hours, counsellor: 'An Peeters', kind: 'guidance' });

export async function expectLedgerVerified(h: Harness) {
  const report = await verifyLedger(h.sequelize);
  expect(report.ok, formatReport(report)).to.equal(true);
}

/** A test file's own programme like LBC, with the steps above bound to it. */
export type VoucherProgramme = {
  code: string;
  /** The administrator who opened it. */
  admin: Actor;
  centre: (accreditation?: Accreditation) => Promise<TestCentre>;
  claim: (citizen: Actor, key?: string) => ReturnType<typeof claimLbc>;
  grant: (citizen: Actor) => Promise<Granted>;
  orderedCheque: () => ReturnType<typeof orderedCheque>;
  chequeInUse: () => ReturnType<typeof chequeInUse>;
};

/** Sets the clock to `today` and opens a programme like LBC there, with a budget of its own. */
export async function openVoucherProgramme(h: Harness, today: string, options: LikeOptions = {}): Promise<VoucherProgramme> {
  setToday(h, today);
  const { code, author: admin } = await openLbcLike(h, options);
  return {
    code,
    admin,
    centre: (accreditation = 'active') => lbcCentre(h, accreditation, code),
    claim: (citizen, key = idempotencyKey()) => claimLbc(h, citizen, key, code),
    grant: (citizen) => grant(h, citizen, code),
    orderedCheque: () => orderedCheque(h, code),
    chequeInUse: () => chequeInUse(h, admin, code),
  };
}

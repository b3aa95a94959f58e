// Serial: the lapse job and the ledger's hold expiry take every application and hold of the
// database that is due by the date they are given, and the dates these tests need (June 2026,
// after the deadlines of applications made in May) reach applications other files are using
// meanwhile: one being verified elsewhere would lapse mid-test. The ITA tests' applications are of a
// programme like ITA of this file's own, so the file changes no shared programme and passes alone. `npm test` runs
// `*.serial.test.ts` files after the parallel phase, when no other file runs.
import { expect } from 'chai';
import { lapseUnverifiedApplications } from '../../server/applications/application-lapse-job.js';
import { expireHolds } from '../../server/ledger/ledger-holds.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import { claimOn, openStap, providerOf } from './course-grant-fixtures.js';
import { applyFor, claimFunding, expectLedgerOk, itaCitizen, providerWithCourse, setToday, verify } from './ita-fixtures.js';

describe('ITA jobs: unverified applications lapse (serial: the job takes every application due)', () => {
  let h: Harness;

  let ita: string;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    ita = (await openItaLike(h)).code;
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });

  const lapseAt = (date: string) => lapseUnverifiedApplications(h.context, new Date(`${date}T02:00:00Z`));

  it('when the provider does not verify by the deadline, then the job lapses the application and everything reserved returns, once', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '180.00', ita);
    const pending = await applyFor(h, citizen.actor, course.id, ita);
    const verifiedOne = await applyFor(h, (await itaCitizen(h)).actor, course.id, ita);
    await verify(h, provider.staff, provider.id, verifiedOne.reference).expect(200);
    expect(pending.verifyBy).to.equal('2026-06-07');

    await lapseAt('2026-06-07');
    const onDeadline = await h.http.get(`/v1/applications/${pending.reference}`).set(citizen.actor.auth).expect(200);
    expect(onDeadline.body.status).to.equal('pending_verification');

    expect(await lapseAt('2026-06-08')).to.be.at.least(1);
    const lapsed = await h.http.get(`/v1/applications/${pending.reference}`).set(citizen.actor.auth).expect(200);
    expect(lapsed.body.status).to.equal('lapsed');
    const stillVerified = await h.http.get(`/v1/applications/${verifiedOne.reference}`).set(provider.staff.auth).expect(200);
    expect(stillVerified.body.status).to.equal('verified');
    await lapseAt('2026-06-08'); // run again: it may lapse other files' applications, not this one twice
    // Other files' pending applications lapse too, so what moved (once) is read on this one's ledger.
    const ledger = await h.http.get(`/v1/entitlements/${pending.entitlementId}/ledger`).set(citizen.actor.auth).expect(200);
    expect(ledger.body.items.map((entry: { kind: string; amount: string }) => [entry.kind, entry.amount])).to.deep.equal([
      ['release', '-180.00'],
      ['grant', '180.00'],
    ]);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    const entitlement = mine.body.items.find((item: { id: string }) => item.id === pending.entitlementId);
    expect(entitlement.balance.reserved).to.equal('0.00');
    expect(entitlement.balance.available).to.equal('0.00');

    setToday(h, '2026-06-08');
    const late = await verify(h, provider.staff, provider.id, pending.reference);
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('application_lapsed');
    const again = await applyFor(h, citizen.actor, course.id, ita);
    expect(again.status).to.equal('pending_verification');
  });

  it('when two lapse jobs run at once, then each due application lapses once and its money returns once', async () => {
    const { course } = await providerWithCourse(h, '90.00', ita);
    const applications = [];
    for (let i = 0; i < 5; i++) applications.push(await applyFor(h, (await itaCitizen(h)).actor, course.id, ita));
    const now = new Date('2026-06-08T01:00:00Z');
    const [a, b] = await Promise.all([lapseUnverifiedApplications(h.context, now), lapseUnverifiedApplications(h.context, now)]);
    expect(a + b).to.be.at.least(5);
    const [rows] = await h.sequelize.query(
      `SELECT a.status, count(t.id)::int AS releases, sum(e.amount) AS returned
       FROM applications a
       JOIN ledger_transactions t ON t.kind = 'release' AND t.metadata->>'applicationId' = a.id::text
       JOIN ledger_entries e ON e.transaction_id = t.id AND e.amount > 0
       WHERE a.reference = ANY($1) GROUP BY a.id, a.status`,
      { bind: [applications.map((application) => application.reference)], raw: true },
    );
    expect(rows).to.deep.equal(Array(5).fill({ status: 'lapsed', releases: 1, returned: '90.00' }));
  });

  it('when the ledger expires holds at their deadline, then a verified application keeps its guarantee and a pending one still lapses cleanly', async () => {
    const { provider, course } = await providerWithCourse(h, '110.00', ita);
    const pending = await applyFor(h, (await itaCitizen(h)).actor, course.id, ita);
    const verified = await applyFor(h, (await itaCitizen(h)).actor, course.id, ita);
    await verify(h, provider.staff, provider.id, verified.reference).expect(200);

    await expireHolds(h.sequelize, new Date('2026-06-08T00:00:01Z'));
    await lapseUnverifiedApplications(h.context, new Date('2026-06-08T01:00:00Z'));

    setToday(h, '2026-09-01');
    const claimed = await claimFunding(h, provider.staff, provider.id, verified.reference, '2026-08-30');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    const lapsed = await h.http.get(`/v1/applications/${pending.reference}`).set(provider.staff.auth).expect(200);
    expect(lapsed.body.status).to.equal('lapsed');
  });
});

describe('course grant jobs: applications of every course grant programme lapse (serial)', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });

  it("when a STAP-like application is not verified in time, then it lapses and its money returns to that programme's budget", async () => {
    const stap = await openStap(h, { budget: '5000.00' });
    const { course } = await providerOf(h, stap, '700.00');
    const citizen = await itaCitizen(h);
    const res = await claimOn(h, stap.code, citizen.actor, course.id, idempotencyKey());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const remaining = async () => (await h.http.get(`/v1/programmes/${stap.code}`).expect(200)).body.budget.remaining as string;
    expect(await remaining()).to.equal('4300.00');

    expect(await lapseUnverifiedApplications(h.context, new Date('2026-06-08T02:00:00Z'))).to.be.at.least(1);
    const lapsed = await h.http.get(`/v1/applications/${res.body.reference}`).set(citizen.actor.auth).expect(200);
    expect(lapsed.body.status).to.equal('lapsed');
    expect(await remaining()).to.equal('5000.00');
    const ledger = await h.http.get(`/v1/entitlements/${res.body.entitlementId}/ledger`).set(citizen.actor.auth).expect(200);
    expect(ledger.body.items.map((entry: { kind: string; amount: string }) => [entry.kind, entry.amount])).to.deep.equal([
      ['release', '-700.00'],
      ['grant', '700.00'],
    ]);
  });
});

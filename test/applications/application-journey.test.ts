import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  applyFor,
  budgetMovedFor,
  claimFunding,
  claimIta,
  expectLedgerOk,
  fundIta,
  grantsForCourse,
  itaCitizen,
  providerWithCourse,
  setToday,
  verify,
} from './ita-fixtures.js';

describe('ITA applications: the journey from claim to the provider being owed', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when a citizen claims a GBP 150 course, then 150 is funded, held until the deadline, and the budget charged', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '150.00');
    const res = await claimIta(h, citizen.actor, course.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ status: 'pending_verification', verifyBy: '2026-06-07', accountYear: 2026 });
    expect(res.body.reference).to.match(/^ITA-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(res.body.fundedAmount).to.deep.equal({ amount: '150.00', currency: 'GBP' });
    expect(res.body.learnerPart).to.deep.equal({ amount: '0.00', currency: 'GBP' });
    expect(res.body.course).to.include({ id: course.id, title: course.title });
    expect(res.body.provider).to.include({ id: provider.id });
    expect(res.body.accountPeriod).to.deep.equal({ start: '2026-04-01', end: '2027-03-31' });
    expect(res.body.decision).to.include({ eligible: true, programme: 'ITA', referenceDate: '2026-05-10' });
    expect((await budgetMovedFor(h, [res.body.reference])).toFixed(2)).to.equal('-150.00');

    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    const entitlement = mine.body.items.find((item: { id: string }) => item.id === res.body.entitlementId);
    expect(entitlement.periodStart).to.equal('2026-04-01');
    expect(entitlement.applications.map((a: { reference: string }) => a.reference)).to.deep.equal([res.body.reference]);
  });

  it('when the course costs GBP 450, then 200 is funded and the learner part of 250 is shown, not funded', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '450.00');
    const application = await applyFor(h, citizen.actor, course.id);
    const res = await h.http.get(`/v1/applications/${application.reference}`).set(citizen.actor.auth).expect(200);
    expect(res.body.fundedAmount.amount).to.equal('200.00');
    expect(res.body.learnerPart.amount).to.equal('250.00');
    expect(res.body.course.price).to.deep.equal({ amount: '450.00', currency: 'GBP' });
  });

  it('when the provider verifies and claims after the course started, then the funded amount moves to what the provider is owed', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '450.00');
    const application = await applyFor(h, citizen.actor, course.id);

    const early = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-01');
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('application_not_verified');

    const verified = await verify(h, provider.staff, provider.id, application.reference).expect(200);
    expect(verified.body.status).to.equal('verified');
    expect(verified.body.verifiedAt).to.be.a('string');
    const again = await verify(h, provider.staff, provider.id, application.reference).expect(200);
    expect(again.body.status).to.equal('verified');

    const notStarted = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-06-01');
    expect(notStarted.status).to.equal(409);
    expect(notStarted.body.code).to.equal('course_not_started');

    setToday(h, '2026-06-02');
    try {
      const key = idempotencyKey();
      const claimed = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-06-01', key);
      expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
      expect(claimed.body.status).to.equal('claimed');
      expect(claimed.body.claim).to.include({ courseStartDate: '2026-06-01' });
      expect(claimed.body.claim.amount).to.deep.equal({ amount: '200.00', currency: 'GBP' });

      const replay = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-06-01', key);
      expect(replay.status).to.equal(200);
      expect(replay.headers['idempotent-replayed']).to.equal('true');
      expect(replay.body).to.deep.equal(claimed.body);

      const twice = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-06-01');
      expect(twice.status).to.equal(409);
      expect(twice.body.code).to.equal('application_claimed');

      const [payable] = await h.sequelize.query(
        `SELECT balance FROM ledger_accounts WHERE owner_type = 'centre_payable' AND owner_id = $1 AND unit = 'GBP'`,
        { bind: [`${provider.id}:ITA`], plain: false, raw: true },
      );
      expect((payable as { balance: string }[])[0]?.balance).to.equal('200.00');

      const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
      const entitlement = mine.body.items.find((item: { id: string }) => item.id === application.entitlementId);
      expect(new Decimal(entitlement.balance.used).toFixed(2)).to.equal('200.00');
      expect(new Decimal(entitlement.balance.reserved).toFixed(2)).to.equal('0.00');

      const told = await h.http.get('/v1/me/notifications').set(citizen.actor.auth).expect(200);
      expect(told.body.items.map((n: { kind: string }) => n.kind)).to.include('application_claimed');
    } finally {
      setToday(h, '2026-05-10');
    }
  });

  it('when the provider claims with no body, then the course is taken to have started today; a date given is still checked', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '180.00');
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);

    const future = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-11');
    expect(future.status).to.equal(409);
    expect(future.body.code).to.equal('course_not_started');
    const beforeApplying = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-09');
    expect(beforeApplying.status).to.equal(400);
    expect(beforeApplying.body.errors[0].path).to.equal('/courseStartDate');

    const claimed = await h.http
      .post(`/v1/centres/${provider.id}/applications/${application.reference}/claim`)
      .set(provider.staff.auth)
      .set('Idempotency-Key', idempotencyKey());
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    expect(claimed.body.status).to.equal('claimed');
    expect(claimed.body.claim).to.include({ courseStartDate: '2026-05-10' });
  });

  it('when a citizen replays the claim with the same key, then the same application is answered and nothing is funded twice', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '120.00');
    const key = idempotencyKey();
    const first = await claimIta(h, citizen.actor, course.id, key).expect(201);
    const replay = await claimIta(h, citizen.actor, course.id, key).expect(201);
    expect(replay.body).to.deep.equal(first.body);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(await grantsForCourse(h, course.id)).to.equal(1);
    expect((await budgetMovedFor(h, [first.body.reference])).toFixed(2)).to.equal('-120.00');
  });

  it('when another centre or an unknown reference is used, then the provider steps answer 404 alike', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const other = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);

    const responses = [
      await verify(h, other.provider.staff, other.provider.id, application.reference),
      await verify(h, other.provider.staff, provider.id, application.reference),
      await verify(h, provider.staff, provider.id, 'ITA-0000000000'),
      await verify(h, provider.staff, provider.id, 'not-a-reference'),
      await claimFunding(h, other.provider.staff, other.provider.id, application.reference, '2026-05-01'),
      await h.http.get(`/v1/applications/${application.reference}`).set(other.provider.staff.auth),
      await h.http.get(`/v1/applications/${application.reference}`).set((await itaCitizen(h)).actor.auth),
    ];
    for (const res of responses) {
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('not_found');
    }
    const mine = await h.http.get(`/v1/applications/${application.reference.toLowerCase()}`).set(provider.staff.auth).expect(200);
    expect(mine.body.applicant.name).to.equal('Test Citizen');
    await h.http
      .get(`/v1/applications/${application.reference}`)
      .set((await createActor(h, 'auditor')).auth)
      .expect(200);
  });

  it("when staff act under their own centre's URL on another centre's application, then 404 as for an unknown reference, and it stays unverified", async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const other = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    const unknown = await verify(h, other.provider.staff, other.provider.id, 'ITA-0000000000');
    // The router lets these through (the path is the caller's centre): only the application can tell.
    const refused = [
      await verify(h, other.provider.staff, other.provider.id, application.reference),
      await claimFunding(h, other.provider.staff, other.provider.id, application.reference, '2026-05-10'),
    ];
    for (const res of refused) expect([res.status, res.body.code, res.body.detail]).to.deep.equal([404, 'not_found', unknown.body.detail]);
    expect(unknown.body.detail).to.equal('Application was not found.');
    // Under the owner's URL the router refuses first, as for an unknown centre.
    const foreign = await verify(h, other.provider.staff, provider.id, application.reference);
    expect([foreign.status, foreign.body.detail]).to.deep.equal([404, 'Centre was not found.']);
    const mine = await h.http.get(`/v1/applications/${application.reference}`).set(provider.staff.auth).expect(200);
    expect(mine.body.status).to.equal('pending_verification');
  });

  it('when the claim body names no course or an unknown field, then it is refused 400 with the field', async () => {
    const citizen = await itaCitizen(h);
    const missing = await h.http
      .post('/v1/programmes/ITA/claims')
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({});
    expect(missing.status).to.equal(400);
    expect(missing.body.errors[0].path).to.equal('/courseId');
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    const badDate = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-02-30');
    expect(badDate.status).to.equal(400);
    expect(badDate.body.errors[0].path).to.equal('/courseStartDate');
  });
});

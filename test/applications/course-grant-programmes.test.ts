// Course grants as configuration: a second course_grant programme, shaped like the Dutch STAP
// budget (EUR, references STAP-..., EUR 1,000 a year), opened through the API only, runs the whole
// flow beside ITA, and a cap on grants per course holds under concurrent claims.
import { expect } from 'chai';
import { idempotencyKey } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { harness, type Harness } from '../support/harness.js';
import { claimOn, openStap, providerOf } from './course-grant-fixtures.js';
import { applyFor, claimFunding, expectLedgerOk, fundIta, itaCitizen, providerWithCourse, setToday, verify } from './ita-fixtures.js';

type Entry = { kind: string; amount: string };

describe('course grant programmes beside ITA (a STAP-like programme opened through the API)', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when a citizen claims a EUR course of the new programme, then it is funded, verified, claimed, settled and paid, on the ledger', async () => {
    const stap = await openStap(h, { values: { referencePrefix: 'STAP' } });
    const { provider, course } = await providerOf(h, stap, '1200.00');
    const citizen = await itaCitizen(h);

    const eligibility = await h.http.post(`/v1/programmes/${stap.code}/eligibility`).set(citizen.actor.auth).send({});
    expect(eligibility.status, JSON.stringify(eligibility.body)).to.equal(200);
    expect(eligibility.body).to.include({ eligible: true, programme: stap.code });

    const res = await claimOn(h, stap.code, citizen.actor, course.id, idempotencyKey());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.reference).to.match(/^STAP-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(res.body).to.include({ status: 'pending_verification', accountYear: 2026, verifyBy: '2026-06-07' });
    expect(res.body.fundedAmount).to.deep.equal({ amount: '1000.00', currency: 'EUR' });
    expect(res.body.learnerPart).to.deep.equal({ amount: '200.00', currency: 'EUR' });
    expect(res.body.accountPeriod).to.deep.equal({ start: '2026-01-01', end: '2026-12-31' });
    expect(res.body.decision).to.include({ eligible: true, programme: stap.code });
    const reference = res.body.reference as string;

    const read = await h.http.get(`/v1/applications/${reference.toLowerCase()}`).set(provider.staff.auth).expect(200);
    expect(read.body.course.price).to.deep.equal({ amount: '1200.00', currency: 'EUR' });

    await verify(h, provider.staff, provider.id, reference).expect(200);
    setToday(h, '2026-09-01');
    const claimed = await claimFunding(h, provider.staff, provider.id, reference, '2026-09-01');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    expect(claimed.body.claim.amount).to.deep.equal({ amount: '1000.00', currency: 'EUR' });

    const run = await h.http
      .post('/v1/settlements')
      .set(stap.author.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: stap.code, periodEnd: '2026-09-01' });
    expect(run.status, JSON.stringify(run.body)).to.equal(201);
    const statement = run.body.statements.find((s: { centreId: string }) => s.centreId === provider.id);
    const line = statement.lines.find((l: { description: string }) => l.description === `Application ${reference}`);
    expect(line.amount).to.deep.equal({ amount: '1000.00', currency: 'EUR' });
    const paid = await payStatementWithFourEyes(h, stap.author.auth, stap.approver.auth, statement.id as string);
    expect(paid.status).to.equal('paid');

    const ledger = await h.http.get(`/v1/entitlements/${res.body.entitlementId}/ledger`).set(citizen.actor.auth).expect(200);
    expect(ledger.body.items.map((entry: Entry) => [entry.kind, entry.amount])).to.deep.equal([
      ['capture', '-1000.00'],
      ['grant', '1000.00'],
    ]);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    const entitlement = mine.body.items.find((item: { id: string }) => item.id === res.body.entitlementId);
    expect(entitlement).to.include({ programme: stap.code, periodStart: '2026-01-01' });
    expect(entitlement.balance).to.include({ used: '1000.00', available: '0.00' });
  });

  it('when one citizen claims ITA and the new programme in the same year, then both are funded, each once a year', async () => {
    const stap = await openStap(h);
    const { course } = await providerOf(h, stap, '300.00');
    const ita = await providerWithCourse(h, '150.00');
    const citizen = await itaCitizen(h);

    const itaApplication = await applyFor(h, citizen.actor, ita.course.id);
    expect(itaApplication.reference).to.match(/^ITA-/);
    const stapApplication = await claimOn(h, stap.code, citizen.actor, course.id, idempotencyKey());
    expect(stapApplication.status, JSON.stringify(stapApplication.body)).to.equal(201);
    expect(stapApplication.body.fundedAmount).to.deep.equal({ amount: '300.00', currency: 'EUR' });
    expect(stapApplication.body.entitlementId).to.not.equal(itaApplication.entitlementId);

    const again = await claimOn(h, stap.code, citizen.actor, course.id, idempotencyKey());
    expect(again.status).to.equal(409);
    expect(again.body).to.include({ code: 'application_exists', reference: stapApplication.body.reference });
  });

  it('when a course of one programme is claimed on another, then 422 course_not_fundable points at /courseId, as for an unknown course', async () => {
    const stap = await openStap(h);
    const { course: stapCourse } = await providerOf(h, stap);
    const ita = await providerWithCourse(h, '150.00');
    const citizen = await itaCitizen(h);

    for (const [code, courseId] of [
      [stap.code, ita.course.id],
      ['ITA', stapCourse.id],
    ] as const) {
      const res = await claimOn(h, code, citizen.actor, courseId, idempotencyKey());
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.code).to.equal('course_not_fundable');
      expect(res.body.errors).to.deep.equal([{ path: '/courseId', message: 'is not an approved course' }]);
    }
  });

  it('when the version sets no reference prefix, then references start with the programme code', async () => {
    const stap = await openStap(h);
    const { course } = await providerOf(h, stap, '400.00');
    const res = await claimOn(h, stap.code, (await itaCitizen(h)).actor, course.id, idempotencyKey());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.reference).to.match(new RegExp(`^${stap.code}-[0-9A-HJKMNP-TV-Z]{10}$`));
  });

  it('when a citizen is not eligible for the new programme, then 422 not_eligible names it, with the decision kept', async () => {
    const stap = await openStap(h);
    const { course } = await providerOf(h, stap);
    const student = await itaCitizen(h, { inFullTimeEducation: true });
    const res = await claimOn(h, stap.code, student.actor, course.id, idempotencyKey());
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    expect(res.body.detail).to.equal(`You are not eligible for programme ${stap.code} today.`);
    expect(res.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal(['in_full_time_education']);
  });
});

describe('course grant programmes: a cap on grants per course (maxGrantsPerCourse)', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when 6 citizens claim one course at once and the cap is 2, then exactly 2 are funded and 4 get 409 course_grants_exhausted', async () => {
    const stap = await openStap(h, { values: { maxGrantsPerCourse: 2 } });
    const { course } = await providerOf(h, stap, '500.00');
    const { course: other } = await providerOf(h, stap, '500.00');
    const citizens = await Promise.all(Array.from({ length: 6 }, () => itaCitizen(h)));

    const answers = await Promise.all(citizens.map((citizen) => claimOn(h, stap.code, citizen.actor, course.id, idempotencyKey())));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses, JSON.stringify(answers.map((res) => res.body as unknown))).to.deep.equal([201, 201, 409, 409, 409, 409]);
    const refused = answers.find((res) => res.status === 409);
    expect(refused?.body).to.include({ code: 'course_grants_exhausted', maxGrantsPerCourse: 2, accountYear: 2026 });

    // Another course of the programme is not touched by this one's cap.
    const refusedCitizen = citizens[answers.findIndex((res) => res.status === 409)]!;
    const elsewhere = await claimOn(h, stap.code, refusedCitizen.actor, other.id, idempotencyKey());
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).to.equal(201);
  });

  it('when a funded application on a capped course is cancelled, then its grant counts no more and another citizen is funded', async () => {
    const stap = await openStap(h, { values: { maxGrantsPerCourse: 1 } });
    const { course } = await providerOf(h, stap, '500.00');
    const [first, second] = await Promise.all([itaCitizen(h), itaCitizen(h)]);
    const funded = await claimOn(h, stap.code, first.actor, course.id, idempotencyKey());
    expect(funded.status, JSON.stringify(funded.body)).to.equal(201);
    const full = await claimOn(h, stap.code, second.actor, course.id, idempotencyKey());
    expect(full.status).to.equal(409);
    expect(full.body.code).to.equal('course_grants_exhausted');

    await h.http.post(`/v1/applications/${funded.body.reference}/cancel`).set(first.actor.auth).expect(200);
    const now = await claimOn(h, stap.code, second.actor, course.id, idempotencyKey());
    expect(now.status, JSON.stringify(now.body)).to.equal(201);
  });

  it('when the cap is 0 or not a whole number, then opening the programme is refused 422 at the parameter', async () => {
    const admin = (await openStap(h)).author;
    for (const cap of [0, 1.5, '3']) {
      const res = await h.http
        .post('/v1/programmes')
        .set(admin.auth)
        .send({
          code: 'QCAPTEST',
          kind: 'course_grant',
          names: { en: 'Capped', nl: 'Begrensd' },
          currency: 'EUR',
          effectiveFrom: h.clock.today(),
          values: {
            yearlyMaximum: '1000.00',
            verificationWeeks: 4,
            accountYearStartMonth: 1,
            placesTarget: null,
            closingDate: null,
            maxGrantsPerCourse: cap,
          },
        });
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(JSON.stringify(res.body.errors)).to.include('maxGrantsPerCourse');
    }
  });
});

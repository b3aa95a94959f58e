import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { createCourse } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import {
  applyFor,
  claimIta,
  eligibleFacts,
  expectLedgerOk,
  fundIta,
  grantsForCourse,
  itaCitizen,
  itaProvider,
  providerWithCourse,
  setToday,
} from './ita-fixtures.js';

describe('ITA applications: what a claim is refused for', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });

  it('when the course is not approved, unknown or malformed, then 422 names /courseId and nothing is funded', async () => {
    const citizen = await itaCitizen(h);
    const provider = await itaProvider(h);
    const pending = await createCourse(h, provider.id, { approved: false });
    for (const courseId of [pending.id, '00000000-0000-4000-8000-000000000000', 'nonsense']) {
      const res = await claimIta(h, citizen.actor, courseId);
      expect(res.status).to.equal(422);
      expect(res.body.code).to.equal('course_not_fundable');
      expect(res.body.errors[0].path).to.equal('/courseId');
    }
    expect(await grantsForCourse(h, pending.id)).to.equal(0);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items).to.deep.equal([]);
  });

  it('when the course is priced in EUR, then 422 names /courseId', async () => {
    const citizen = await itaCitizen(h);
    const provider = await itaProvider(h);
    const euro = await createCourse(h, provider.id, { currency: 'EUR' });
    const res = await claimIta(h, citizen.actor, euro.id);
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].path).to.equal('/courseId');
  });

  it('when the provider has a suspended ITA accreditation, then 422 centre_not_accredited', async () => {
    const citizen = await itaCitizen(h);
    const provider = await itaProvider(h, 'suspended');
    const course = await createCourse(h, provider.id);
    const res = await claimIta(h, citizen.actor, course.id);
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('centre_not_accredited');
  });

  it('when the citizen is not eligible, then 422 not_eligible with the reasons, and the decision stays readable', async () => {
    const citizen = await itaCitizen(h, { residenceCountry: 'GB', residenceRegion: 'ENG', inFullTimeEducation: true });
    const { course } = await providerWithCourse(h);
    const res = await claimIta(h, citizen.actor, course.id);
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    const codes = res.body.reasons.map((reason: { code: string }) => reason.code);
    expect(codes).to.include.members(['residence_not_eligible', 'in_full_time_education']);
    expect(res.body.reasons[0]).to.include.keys('fact', 'operator', 'expected', 'actual', 'message');
    const decision = await h.http.get(`/v1/decisions/${res.body.decisionId}`).set(citizen.actor.auth).expect(200);
    expect(decision.body.eligible).to.equal(false);
    expect(await grantsForCourse(h, course.id)).to.equal(0);
  });

  it('when a second application is made in the same account year, then 409 application_exists; in the next year it is funded', async () => {
    const admin = await createActor(h, 'admin');
    // A programme like ITA of its own, so the account years 2031-2032 have a known closing date and places.
    setToday(h, '2031-01-10');
    const { code } = await openItaLike(h, { values: { closingDate: '2033-03-31', placesTarget: 1000 } });
    setToday(h, '2031-06-01');
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, undefined, code);
    const first = await applyFor(h, citizen.actor, course.id, code);

    setToday(h, '2032-03-20');
    await h.http.put(`/v1/citizens/${citizen.id}/facts`).set(admin.auth).send(eligibleFacts('2032-03-20')).expect(200);
    const second = await claimIta(h, citizen.actor, course.id, undefined, code);
    expect(second.status).to.equal(409);
    expect(second.body).to.include({ code: 'application_exists', reference: first.reference, accountYear: 2031 });

    setToday(h, '2032-04-02');
    const nextYear = await claimIta(h, citizen.actor, course.id, undefined, code);
    expect(nextYear.status, JSON.stringify(nextYear.body)).to.equal(201);
    expect(nextYear.body.accountYear).to.equal(2032);
    expect(nextYear.body.entitlementId).not.to.equal(first.entitlementId);
  });

  it('when the places target is reached or the closing date passed, then 409 budget_exhausted and nothing is funded', async () => {
    setToday(h, '2035-04-01');
    const { code } = await openItaLike(h, { values: { closingDate: '2036-03-31', placesTarget: 1 } });
    setToday(h, '2035-05-01');
    const { course } = await providerWithCourse(h, undefined, code);
    await applyFor(h, (await itaCitizen(h)).actor, course.id, code);
    const full = await claimIta(h, (await itaCitizen(h)).actor, course.id, undefined, code);
    expect(full.status).to.equal(409);
    expect(full.body).to.include({ code: 'budget_exhausted', reason: 'places_target_reached' });
    expect(await grantsForCourse(h, course.id)).to.equal(1);

    setToday(h, '2036-04-02');
    const late = await itaCitizen(h);
    const closed = await claimIta(h, late.actor, course.id, undefined, code);
    expect(closed.status).to.equal(409);
    expect(closed.body).to.include({ code: 'budget_exhausted', reason: 'closing_date_passed' });
  });
});

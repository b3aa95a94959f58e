import { expect } from 'chai';
import { JOBS } from '../../server/jobs/job-registry.js';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  applyFor,
  budgetMovedFor,
  claimFunding,
  claimIta,
  expectLedgerOk,
  fundIta,
  itaCitizen,
  providerWithCourse,
  setToday,
  verify,
} from './ita-fixtures.js';

describe('ITA applications: lapse, cancellation and a provider suspended mid-way', () => {
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

  it('when the deadline passed but the job has not run yet, then verification is refused 409 verification_deadline_passed', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    setToday(h, '2026-06-08');
    const res = await verify(h, provider.staff, provider.id, application.reference);
    expect(res.status).to.equal(409);
    expect(res.body).to.include({ code: 'verification_deadline_passed', verifyBy: '2026-06-07' });
  });

  it('when the job is registered, then the scheduler and npm run jobs find it by name', () => {
    expect(JOBS.map((job) => job.name)).to.include('lapse-unverified-applications');
  });

  it('when the citizen cancels before the claim, then the hold is released and the funded amount returns to the budget', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '300.00');
    const application = await applyFor(h, citizen.actor, course.id);
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('-200.00'); // the yearly maximum of a GBP 300 course
    await verify(h, provider.staff, provider.id, application.reference).expect(200);

    const stranger = await h.http.post(`/v1/applications/${application.reference}/cancel`).set((await itaCitizen(h)).actor.auth);
    expect(stranger.status).to.equal(404);
    const cancelled = await h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth).expect(200);
    expect(cancelled.body.status).to.equal('cancelled');
    const twice = await h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth).expect(200);
    expect(twice.body.status).to.equal('cancelled');
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('0.00');

    const claim = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10');
    expect(claim.status).to.equal(409);
    expect(claim.body.code).to.equal('application_cancelled');
    // The year is free again for another course.
    await applyFor(h, citizen.actor, course.id);
  });

  it('when the application was claimed, then the citizen can no longer cancel it', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10').expect(200);
    const res = await h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('application_claimed');
  });

  it('when the provider is suspended mid-way, then it can neither verify nor claim, and claims naming its courses are refused', async () => {
    const admin = await createActor(h, 'admin');
    const { provider, course } = await providerWithCourse(h);
    const first = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const second = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    await verify(h, provider.staff, provider.id, second.reference).expect(200);

    await h.http
      .patch(`/v1/accreditations/${provider.accreditationId}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'Investigation into claims for courses not delivered' })
      .expect(200);

    const verifyRefused = await verify(h, provider.staff, provider.id, first.reference);
    expect(verifyRefused.status).to.equal(422);
    expect(verifyRefused.body.code).to.equal('centre_not_accredited');
    const claimRefused = await claimFunding(h, provider.staff, provider.id, second.reference, '2026-05-10');
    expect(claimRefused.status).to.equal(422);
    expect(claimRefused.body.code).to.equal('centre_not_accredited');
    const newClaim = await claimIta(h, (await itaCitizen(h)).actor, course.id);
    expect(newClaim.status).to.equal(422);
    expect(newClaim.body.code).to.equal('centre_not_accredited');
  });
});

import { expect } from 'chai';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { fundIta, itaCitizen, providerWithCourse } from '../applications/ita-fixtures.js';
import { expectLedgerVerified, setToday } from '../support/voucher-factory.js';

describe('claims route for ITA: POST /v1/programmes/ITA/claims hands the course to the applications flow', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-12-01');
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  it('when an ITA claim names no course, then 400 pointing at /courseId', async () => {
    const citizen = await itaCitizen(h);
    const res = await h.http.post('/v1/programmes/ITA/claims').set(citizen.actor.auth).set('Idempotency-Key', idempotencyKey()).send({});
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].path).to.equal('/courseId');
  });

  it('when an eligible citizen claims a course, then 201 with the application and my rights list it with its balance', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '150.00');
    const res = await h.http
      .post('/v1/programmes/ITA/claims')
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseId: course.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ status: 'pending_verification' });
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    const [ita] = mine.body.items;
    expect(ita.programme).to.equal('ITA');
    expect(ita.balance).to.include({ granted: '150.00', reserved: '150.00', used: '0.00', available: '0.00', unit: 'GBP' });
    expect(ita.applications.map((application: { reference: string }) => application.reference)).to.deep.equal([res.body.reference]);
    const ledger = await h.http.get(`/v1/entitlements/${ita.id}/ledger`).set(citizen.actor.auth).expect(200);
    expect(ledger.body.items[0]).to.include({ kind: 'grant', amount: '150.00' });
  });
});

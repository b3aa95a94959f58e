import { expect } from 'chai';
import { idempotencyKey } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerOk } from './ita-fixtures.js';
import { seedDemo, signInDemo } from '../support/demo-seed.js';

// The README walkthrough of an ITA application, on the demo seed and with the demo logins:
// claim -> verify -> provider claim -> settlement -> payment. Runs on today's date, which the
// demo facts (income evidence of 30 days ago) are relative to.
describe('ITA from the demo seed: an application from claim to payment', () => {
  let h: Harness;
  const signIn = (email: string) => signInDemo(h, email);

  before(async () => {
    h = harness();
    await seedDemo(h);
  });
  after(() => expectLedgerOk(h));

  it('when Callum (on Universal Credit) applies for the GBP 450 course at Clyde Skills, then the provider is paid GBP 200', async () => {
    const today = h.clock.today();
    const callum = await signIn('citizen.ita.benefit@demo.test');
    const providers = await h.http.get('/v1/centres?programme=ITA&limit=500').expect(200);
    const clyde = providers.body.items.find((centre: { enterpriseNumber: string }) => centre.enterpriseNumber === 'SC612345');
    const courses = await h.http.get(`/v1/centres/${clyde.id}/courses`).expect(200);
    const webDev = courses.body.items.find((course: { price: { amount: string } }) => course.price.amount === '450.00');

    const claim = await h.http
      .post('/v1/programmes/ITA/claims')
      .set(callum)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseId: webDev.id });
    expect(claim.status, JSON.stringify(claim.body)).to.equal(201);
    expect(claim.body).to.deep.include({
      status: 'pending_verification',
      fundedAmount: { amount: '200.00', currency: 'GBP' },
      learnerPart: { amount: '250.00', currency: 'GBP' },
    });
    const reference = claim.body.reference as string;

    const shona = await signIn('staff@clyde-skills.demo.test');
    await h.http.post(`/v1/centres/${clyde.id}/applications/${reference}/verify`).set(shona).expect(200);
    const claimed = await h.http
      .post(`/v1/centres/${clyde.id}/applications/${reference}/claim`)
      .set(shona)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseStartDate: today })
      .expect(200);
    expect(claimed.body.status).to.equal('claimed');

    const ada = await signIn('admin@demo.test');
    const run = await h.http
      .post('/v1/settlements')
      .set(ada)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'ITA', periodEnd: today });
    expect(run.status, JSON.stringify(run.body)).to.equal(201);
    const statement = run.body.statements.find((s: { centreId: string }) => s.centreId === clyde.id);
    const line = statement.lines.find((l: { description: string }) => l.description === `Application ${reference}`);
    expect(line.amount).to.deep.equal({ amount: '200.00', currency: 'GBP' });
    // Four eyes on money: Ada asks for the payment, Arno approves it.
    const paid = await payStatementWithFourEyes(h, ada, await signIn('approver@demo.test'), statement.id);
    expect(paid.status).to.equal('paid');

    const ledger = await h.http.get(`/v1/entitlements/${claim.body.entitlementId}/ledger`).set(callum).expect(200);
    expect(ledger.body.items.map((entry: { kind: string; amount: string }) => [entry.kind, entry.amount])).to.deep.equal([
      ['capture', '-200.00'],
      ['grant', '200.00'],
    ]);
  });
});

import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { addMonths } from '../../server/shared/calendar.js';
import { idempotencyKey } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerVerified } from '../support/voucher-factory.js';
import { seedDemo, signInDemo } from '../support/demo-seed.js';

type Entitlement = { id: string; programme: string; status: string; balance: Record<string, string> };
type Statement = { id: string; centreId: string; lines: { source: { id: string }; amount: { amount: string } }[] };

// The README walkthrough of a loopbaancheque, steps 1-9, on the demo seed and with the demo
// logins, on today's date as the walkthrough runs. Demo data is shared: where an earlier run on
// this database already granted Els her right, steps 1 and 2 get the refusal the rules give (a
// right within 6 years) and the journey goes on with that right's next cheque; once both of its
// cheques are used there is nothing left to walk through, and the test says so by skipping.
describe('LBC from the demo seed: a cheque from eligibility to the statement payment', () => {
  let h: Harness;
  const signIn = (email: string) => signInDemo(h, email);

  before(async () => {
    h = harness();
    await seedDemo(h);
  });
  after(() => expectLedgerVerified(h));

  it('when Els claims, orders and pays a cheque and is guided at Gent, then she sees each movement and Gent is paid for the session', async function () {
    const today = h.clock.today();
    const els = await signIn('citizen.lbc.eligible@demo.test');
    const gent = await signIn('staff@loopbaan-gent.demo.test');
    const ada = await signIn('admin@demo.test');
    const centres = await h.http.get('/v1/centres?programme=LBC&limit=500').expect(200);
    const gentId = (centres.body.items as { id: string; name: string }[]).find((centre) => /Gent/.test(centre.name))!.id;
    const mine = async () => (await h.http.get('/v1/me/entitlements').set(els).expect(200)).body.items as Entitlement[];
    const earlier = (await mine()).find((right) => right.programme === 'LBC' && right.status === 'active');

    // 1-2. Eligibility and the claim of 7 hours for 6 years (or, on a rerun, the refusal of a second right).
    const eligibility = await h.http.post('/v1/programmes/LBC/eligibility').set(els).set('Accept-Language', 'nl').send({}).expect(200);
    const claim = await h.http.post('/v1/programmes/LBC/claims').set(els).set('Idempotency-Key', idempotencyKey()).send({});
    let entitlementId: string;
    if (!earlier) {
      expect(eligibility.body).to.include({ eligible: true, nextEligibleOn: null });
      expect(claim.status, JSON.stringify(claim.body)).to.equal(201);
      expect(claim.body.balance).to.include({ granted: '7.00', available: '7.00' });
      entitlementId = claim.body.id as string;
    } else {
      expect(eligibility.body.eligible).to.equal(false);
      expect(eligibility.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal([
        'right_started_within_waiting_period',
      ]);
      expect(claim.status).to.equal(422);
      expect(claim.body.code).to.equal('not_eligible');
      entitlementId = earlier.id;
    }

    // 3. Order the next cheque: 4 hours (then 3), EUR 45 co-payment due within 14 days.
    const ordered = await h.http.post(`/v1/entitlements/${entitlementId}/vouchers`).set(els).set('Idempotency-Key', idempotencyKey());
    if (earlier && ordered.status === 409 && ordered.body.code === 'no_vouchers_left') this.skip();
    expect(ordered.status, JSON.stringify(ordered.body)).to.equal(201);
    const { code, clientNumber, sequence } = ordered.body as { code: string; clientNumber: string; sequence: number };
    const planned = sequence === 1 ? '4.00' : '3.00';
    expect(ordered.body).to.deep.include({ hours: { amount: planned, unit: 'HOUR' }, status: 'awaiting_payment' });
    expect(ordered.body.coPayment).to.include({ amount: '45.00', currency: 'EUR', status: 'due' });

    // 4. The co-payment is confirmed by an administrator, with the bank's reference.
    const paid = await h.http
      .post(`/v1/vouchers/${code}/payments`)
      .set(ada)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: '45.00', reference: 'BANK-2026-000123' })
      .expect(200);
    expect(paid.body).to.include({ status: 'issued', validUntil: addMonths(today, 3) });

    // 5. Els hands Gent the cheque code and client number; Gent registers the cheque.
    const registered = await h.http
      .post(`/v1/centres/${gentId}/vouchers/${code}/registration`)
      .set(gent)
      .send({ clientNumber })
      .expect(200);
    expect(registered.body).to.include({ status: 'in_use', centreId: gentId });

    // 6. Gent records a guidance session; preparation is not billable.
    const sessions = `/v1/centres/${gentId}/vouchers/${code}/sessions`;
    const session = { date: today, hours: '1.50', counsellor: 'An Peeters', kind: 'guidance' };
    const preparation = await h.http
      .post(sessions)
      .set(gent)
      .set('Idempotency-Key', idempotencyKey())
      .send({ ...session, kind: 'preparation' });
    expect(preparation.status).to.equal(422);
    const recorded = await h.http.post(sessions).set(gent).set('Idempotency-Key', idempotencyKey()).send(session).expect(201);
    const left = new Decimal(planned).minus('1.50').toFixed(2);
    expect(recorded.body.voucher.remainingHours).to.deep.equal({ amount: left, unit: 'HOUR' });
    const sessionId = recorded.body.session.id as string;

    // 7. Els sees the movement on her ledger, with the centre, and is notified of it.
    const ledger = await h.http.get(`/v1/entitlements/${entitlementId}/ledger`).set(els).expect(200);
    expect(ledger.body.items[0]).to.deep.include({ kind: 'redeem', amount: '-1.50', balanceAfter: left });
    expect(ledger.body.items[0].centre.id).to.equal(gentId);
    const news = await h.http.get('/v1/me/notifications').set(els).expect(200);
    expect(news.body.items[0]).to.include({ kind: 'voucher_session' });

    // 8. Gent closes the cheque with a development plan; the hours not used return to the right.
    const plan = { summary: 'Move to a training role', goals: ['Train-the-trainer course', 'Talk to HR'] };
    const closed = await h.http.post(`/v1/centres/${gentId}/vouchers/${code}/close`).set(gent).send({ developmentPlan: plan }).expect(200);
    expect(closed.body.status).to.equal('closed');
    const right = (await mine()).find((item) => item.id === entitlementId)!;
    expect(right.balance.reserved).to.equal('0.00');

    // 9. Settlement: Gent's statement carries the session at the fee in force today; then it is paid.
    const fee = (await h.http.get('/v1/programmes/LBC').expect(200)).body.parameters.hourlyFee as string;
    const run = await h.http
      .post('/v1/settlements')
      .set(ada)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'LBC', periodEnd: today })
      .expect(201);
    const statement = (run.body.statements as Statement[]).find((item) => item.centreId === gentId)!;
    const line = statement.lines.find((item) => item.source.id === sessionId)!;
    expect(line.amount.amount).to.equal(new Decimal('1.50').times(fee).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    // Ada asks for the payment; Arno, the second administrator, approves it (four eyes on money).
    const payment = await payStatementWithFourEyes(h, ada, await signIn('approver@demo.test'), statement.id);
    expect(payment.status).to.equal('paid');
  });
});

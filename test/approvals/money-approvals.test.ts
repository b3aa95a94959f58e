import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { addDays } from '../../server/shared/calendar.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { approveChange } from '../support/approvals.js';
import { createCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openLbcLike } from '../support/reference-like-programmes.js';
import { chequeInUse, sessionToday } from '../settlement/support/lbc-fixture.js';

// The file's own programme like LBC (opened today, with a budget of EUR 5,000): its parameter
// versions and settlement runs meet no other file's.
const FEE_DATE = '2093-06-01';

describe('four eyes on money: parameters and statement payments', () => {
  let h: Harness;
  let requester: Actor;
  let approver: Actor;

  let programme: string;

  before(async () => {
    h = harness();
    ({ code: programme } = await openLbcLike(h, { budget: '5000.00' }));
    requester = await createActor(h, 'admin');
    approver = await createActor(h, 'admin');
  });
  afterEach(() => h.clock.set(new Date()));

  const patch = (actor: Actor, body: object) => h.http.patch(`/v1/programmes/${programme}/parameters`).set(actor.auth).send(body);
  const approve = (actor: Actor, id: string) =>
    h.http.post(`/v1/pending-changes/${id}/approve`).set(actor.auth).set('Idempotency-Key', idempotencyKey());

  it('when the single-administrator attack of the review is tried (a fee of EUR 9,999,999.999 from today), then it is 422 naming /values/hourlyFee and nothing is pending', async () => {
    // A day after the programme opened (its first version holds the opening day).
    h.clock.set(`${addDays(h.clock.today(), 1)}T09:00:00Z`);
    const res = await patch(requester, { effectiveFrom: h.clock.today(), values: { hourlyFee: '9999999.999' } }).expect(422);
    expect(res.body.code).to.equal('invalid_parameters');
    expect(res.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/values/hourlyFee']);
    const [row] = await queryRows<{ n: number }>(h.sequelize, `SELECT count(*)::int AS n FROM pending_changes WHERE requested_by = $1`, [
      requester.principal.userId,
    ]);
    expect(row?.n).to.equal(0);
  });

  it('when a fee change within bounds is requested, then the fee in force stays until another administrator approves', async () => {
    h.clock.set('2093-05-01T09:00:00Z');
    const requested = await patch(requester, { effectiveFrom: '2093-05-01', values: { hourlyFee: '160.000' } }).expect(202);
    const fee = async () => (await h.http.get(`/v1/programmes/${programme}`).expect(200)).body.parameters.hourlyFee as string;
    expect(await fee()).to.not.equal('160.000');
    await approveChange(h, approver.auth, requested.body.id);
    expect(await fee()).to.equal('160.000');
  });

  it('when the date of a pending version has passed by its approval, then 422 effective_date_in_past and it stays pending', async () => {
    h.clock.set('2093-05-20T09:00:00Z');
    const requested = await patch(requester, { effectiveFrom: FEE_DATE, values: { coPayment: '50.00' } }).expect(202);
    h.clock.set('2093-06-02T09:00:00Z');
    const late = await approve(approver, requested.body.id).expect(422);
    expect(late.body.code).to.equal('effective_date_in_past');
    expect((await h.http.get(`/v1/pending-changes/${requested.body.id}`).set(approver.auth).expect(200)).body.status).to.equal('pending');
    await h.http.post(`/v1/pending-changes/${requested.body.id}/reject`).set(approver.auth).send({ reason: 'too late' }).expect(200);
  });

  it('when another version took the date meanwhile, then the approval is 409 parameters_exist; a second request for the same date while one is pending is 409 change_pending', async () => {
    h.clock.set('2093-07-01T09:00:00Z');
    const requested = await patch(requester, { effectiveFrom: '2093-08-01', values: { coPayment: '42.00' } }).expect(202);
    const twice = await patch(approver, { effectiveFrom: '2093-08-01', values: { hourlyFee: '161.000' } }).expect(409);
    expect(twice.body.code).to.equal('change_pending');
    await patch(requester, { effectiveFrom: '2093-08-01', values: { coPaymentDueDays: 20 } }).expect(201);
    const taken = await approve(approver, requested.body.id).expect(409);
    expect(taken.body.code).to.equal('parameters_exist');
  });

  it('when a statement payment is requested, then nothing is paid until a second administrator approves, and it is paid once', async () => {
    h.clock.set('2093-09-01T09:00:00Z');
    const centre = await createCentre(h, { programme });
    const cheque = await chequeInUse(h, requester, programme, centre);
    await sessionToday(h, cheque, '1.00');
    const run = await h.http
      .post('/v1/settlements')
      .set(requester.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme, periodEnd: '2093-09-01' })
      .expect(201);
    const statement = (run.body.statements as { id: string; centreId: string; total: { amount: string } }[]).find(
      (item) => item.centreId === centre.id,
    )!;

    const requested = await h.http
      .post(`/v1/statements/${statement.id}/payment`)
      .set(requester.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(202);
    expect(requested.body).to.deep.include({ kind: 'statement_payment', targetId: statement.id, status: 'pending' });
    expect(requested.body.payload.total).to.deep.equal(statement.total);
    const again = await h.http
      .post(`/v1/statements/${statement.id}/payment`)
      .set(approver.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(409);
    expect(again.body.code).to.equal('change_pending');
    expect((await h.http.get(`/v1/statements/${statement.id}`).set(requester.auth).expect(200)).body.status).to.equal('open');
    expect((await approve(requester, requested.body.id).expect(403)).body.code).to.equal('four_eyes_required');

    const approved = await approveChange(h, approver.auth, requested.body.id);
    const paid = (await h.http.get(`/v1/statements/${statement.id}`).set(requester.auth).expect(200)).body;
    expect(paid.status).to.equal('paid');
    expect(approved.result).to.deep.equal({ statementId: statement.id, payTransactionId: paid.payTransactionId });
    const [payer] = await queryRows<{ paid_by: string }>(h.sequelize, `SELECT paid_by FROM statements WHERE id = $1`, [statement.id]);
    expect(payer?.paid_by).to.equal(approver.principal.userId);
    const late = await h.http
      .post(`/v1/statements/${statement.id}/payment`)
      .set(requester.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(409);
    expect(late.body.code).to.equal('statement_paid');
  });
});

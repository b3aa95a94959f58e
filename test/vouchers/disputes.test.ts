import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  closeCheque,
  expectLedgerVerified,
  guidance,
  lbcCitizen,
  openVoucherProgramme,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC disputes: a citizen disputes a session, an administrator resolves it', () => {
  let h: Harness;
  let lbc: VoucherProgramme;
  let admin: Actor;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
    admin = lbc.admin;
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  async function disputedSession(hours = '1.50') {
    const setup = await lbc.chequeInUse();
    const session = await recordSession(h, setup.centre, setup.cheque.code, guidance('2026-12-01', hours));
    expect(session.status).to.equal(201);
    const sessionId = session.body.session.id as string;
    const dispute = await h.http
      .post(`/v1/vouchers/${setup.cheque.code}/disputes`)
      .set(setup.citizen.actor.auth)
      .send({ sessionId, reason: 'I was not there that day.' });
    expect(dispute.status, JSON.stringify(dispute.body)).to.equal(201);
    return { ...setup, sessionId, disputeId: dispute.body.id as string };
  }

  const resolve = (id: string, decision: 'upheld' | 'rejected', actor = admin) =>
    h.http.post(`/v1/disputes/${id}/resolution`).set(actor.auth).send({ decision, note: 'Checked with the centre.' });

  it('when a citizen disputes a session, then it is open, listed for staff, and a second open dispute on it is 409', async () => {
    const { citizen, cheque, sessionId, disputeId } = await disputedSession();
    const again = await h.http.post(`/v1/vouchers/${cheque.code}/disputes`).set(citizen.actor.auth).send({ sessionId, reason: 'Again.' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('dispute_open');
    const auditor = await createActor(h, 'auditor');
    const list = await h.http.get('/v1/disputes?status=open&limit=500').set(auditor.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).to.include(disputeId);
    expect((await h.http.get('/v1/disputes').set(citizen.actor.auth)).status).to.equal(403);
    expect((await resolve(disputeId, 'upheld', auditor)).status).to.equal(403);
  });

  it('when another citizen disputes, or names a session of another cheque, then 404', async () => {
    const { cheque, sessionId } = await disputedSession();
    const other = await lbcCitizen(h);
    const res = await h.http.post(`/v1/vouchers/${cheque.code}/disputes`).set(other.actor.auth).send({ sessionId, reason: 'Not mine.' });
    expect(res.status).to.equal(404);
    const second = await lbc.chequeInUse();
    const wrongSession = await h.http
      .post(`/v1/vouchers/${second.cheque.code}/disputes`)
      .set(second.citizen.actor.auth)
      .send({ sessionId, reason: 'x' });
    expect(wrongSession.status).to.equal(404);
  });

  it('when a dispute is upheld, then the session is reversed in the ledger, its hours are back on the cheque, the citizen is told, and it is audited', async () => {
    const { citizen, cheque, sessionId, disputeId } = await disputedSession('1.50');
    const res = await resolve(disputeId, 'upheld');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'upheld' });
    expect(res.body.session).to.include({ id: sessionId, status: 'reversed' });
    expect(res.body.session.reversalTransactionId).to.be.a('string');
    const read = await h.http.get(`/v1/vouchers/${cheque.code}`).set(citizen.actor.auth).expect(200);
    expect(read.body.remainingHours.amount).to.equal('4.00');
    expect(read.body.sessions[0].status).to.equal('reversed');
    const [note] = await queryRows(h.sequelize, `SELECT kind FROM notifications WHERE user_id = $1 AND kind = 'voucher_dispute_resolved'`, [
      citizen.actor.principal.userId,
    ]);
    expect(note).to.deep.equal({ kind: 'voucher_dispute_resolved' });
    const audits = await queryRows(h.sequelize, `SELECT action FROM audit_log WHERE entity_type = 'voucher_dispute' AND entity_id = $1`, [
      disputeId,
    ]);
    expect(audits).to.deep.equal([{ action: 'voucher.dispute.upheld' }]);
    const twice = await resolve(disputeId, 'rejected');
    expect(twice.status).to.equal(409);
    expect(twice.body.code).to.equal('dispute_resolved');
    const reDispute = await h.http
      .post(`/v1/vouchers/${cheque.code}/disputes`)
      .set(citizen.actor.auth)
      .send({ sessionId, reason: 'again' });
    expect(reDispute.status).to.equal(409);
    expect(reDispute.body.code).to.equal('session_reversed');
  });

  it('when a dispute is rejected, then the session stands and the cheque stays at its centre', async () => {
    const { cheque, disputeId } = await disputedSession('2.00');
    const res = await resolve(disputeId, 'rejected');
    expect(res.body.session.status).to.equal('recorded');
    expect(res.body.chequeReleased).to.equal(false);
    const read = await h.http.get(`/v1/vouchers/${cheque.code}`).set(admin.auth).expect(200);
    expect(read.body.remainingHours.amount).to.equal('2.00');
  });

  it('when a dispute is upheld, then the cheque is released: the first centre can neither record on it nor register it again, another centre can', async () => {
    const { citizen, cheque, centre, disputeId } = await disputedSession('1.00');
    const res = await resolve(disputeId, 'upheld');
    expect(res.body.chequeReleased).to.equal(true);
    const read = await h.http.get(`/v1/vouchers/${cheque.code}`).set(citizen.actor.auth).expect(200);
    expect(read.body).to.include({ status: 'issued' });
    expect(read.body.remainingHours.amount).to.equal('4.00');
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'))).status).to.equal(404);
    const again = await register(h, centre, cheque.code, cheque.clientNumber);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('centre_disputed');
    const other = await lbc.centre();
    expect((await register(h, other, cheque.code, cheque.clientNumber)).status).to.equal(200);
    const session = await recordSession(h, other, cheque.code, guidance('2026-12-01', '1.00'));
    expect(session.status, JSON.stringify(session.body)).to.equal(201);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'))).status).to.equal(404);
  });

  it('when a dispute is upheld after the cheque was closed, then the hours go back to the entitlement', async () => {
    const { citizen, cheque, centre, disputeId } = await disputedSession('1.00');
    expect((await closeCheque(h, centre, cheque.code)).status).to.equal(200);
    expect((await resolve(disputeId, 'upheld')).status).to.equal(200);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ used: '0.00', reserved: '0.00', available: '7.00' });
    const read = await h.http.get(`/v1/vouchers/${cheque.code}`).set(citizen.actor.auth).expect(200);
    expect(read.body).to.include({ status: 'closed' });
    expect(read.body.remainingHours.amount).to.equal('0.00');
  });
});

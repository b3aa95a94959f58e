import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  lbcCitizen,
  openVoucherProgramme,
  order,
  payAsAdmin,
  providerCallback,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC co-payments: POST /v1/vouchers/:code/payments', () => {
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
  afterEach(async () => {
    setToday(h, '2026-12-01');
    await expectLedgerVerified(h);
  });

  async function orderedCheque() {
    const citizen = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);
    return { citizen, cheque: await order(h, citizen.actor, entitlement.id) };
  }

  // Confirmations are audited under the cheque's id (its code is half of what registers it).
  const paymentAudits = (code: string) =>
    queryRows(
      h.sequelize,
      `SELECT a.actor_role FROM audit_log a JOIN vouchers v ON a.entity_type = 'voucher' AND a.entity_id = v.id::text
       WHERE a.action = 'voucher.co_payment.confirmed' AND v.code = $1`,
      [code],
    );

  it('when an administrator confirms the exact co-payment, then the cheque is issued for 3 months and the confirmation is audited', async () => {
    const { cheque } = await orderedCheque();
    const res = await payAsAdmin(h, admin, cheque.code, 45);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'issued', validUntil: '2027-03-01' });
    expect(res.body.coPayment).to.include({ status: 'paid' });
    expect(await paymentAudits(cheque.code)).to.deep.equal([{ actor_role: 'admin' }]);
  });

  it('when a co-payment is confirmed, then its audit entry names the cheque by id and carries neither its code nor its client number', async () => {
    const { cheque } = await orderedCheque();
    expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
    const entries = await queryRows<{ entity_id: string; text: string }>(
      h.sequelize,
      `SELECT entity_id, concat_ws(' ', before::text, after::text) AS text FROM audit_log
       WHERE action = 'voucher.co_payment.confirmed' AND entity_id IN ($1, (SELECT id::text FROM vouchers WHERE code = $1))`,
      [cheque.code],
    );
    const [voucher] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM vouchers WHERE code = $1`, [cheque.code]);
    expect(entries.map((entry) => entry.entity_id)).to.deep.equal([voucher!.id]);
    expect(entries[0]!.text).to.not.include(cheque.code).and.not.include(cheque.clientNumber);
  });

  it('when an administrator confirms without the bank reference, then 400 naming /reference and the cheque stays unpaid; with it, the reference is stored and audited', async () => {
    const { cheque } = await orderedCheque();
    const bare = await h.http
      .post(`/v1/vouchers/${cheque.code}/payments`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: '45.00' });
    expect(bare.status, JSON.stringify(bare.body)).to.equal(400);
    expect(bare.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/reference']);
    const unpaid = await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM vouchers WHERE code = $1`, [cheque.code]);
    expect(unpaid).to.deep.equal([{ status: 'awaiting_payment' }]);
    expect(await paymentAudits(cheque.code)).to.deep.equal([]);
    const paid = await h.http
      .post(`/v1/vouchers/${cheque.code}/payments`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: '45.00', reference: 'BE-2026-12-01-0042' });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
    const [stored] = await queryRows<{ co_payment_reference: string; audited: string }>(
      h.sequelize,
      `SELECT v.co_payment_reference, a.after->>'reference' AS audited FROM vouchers v
       JOIN audit_log a ON a.entity_id = v.id::text AND a.action = 'voucher.co_payment.confirmed' WHERE v.code = $1`,
      [cheque.code],
    );
    expect(stored).to.deep.equal({ co_payment_reference: 'BE-2026-12-01-0042', audited: 'BE-2026-12-01-0042' });
  });

  it('when the provider callback is replayed, then the same answer comes back and the payment is recorded once', async () => {
    const { cheque } = await orderedCheque();
    const key = idempotencyKey();
    const first = await providerCallback(h, cheque.code, { amount: '45.00', reference: 'PSP-1' }, { key });
    const replay = await providerCallback(h, cheque.code, { amount: '45.00', reference: 'PSP-1' }, { key });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(replay.status).to.equal(200);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body).to.deep.equal(first.body);
    expect(await paymentAudits(cheque.code)).to.deep.equal([{ actor_role: 'payment_provider' }]);
    const again = await providerCallback(h, cheque.code, { amount: '45.00', reference: 'PSP-1' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('already_paid');
  });

  it('when a callback is forged, stale or unsigned, then 401 and the cheque stays unpaid', async () => {
    const { cheque } = await orderedCheque();
    const forged = await providerCallback(h, cheque.code, { amount: '45.00' }, { secret: 'not-the-webhook-secret-at-all' });
    expect(forged.status).to.equal(401);
    const stale = await providerCallback(
      h,
      cheque.code,
      { amount: '45.00' },
      { timestamp: Math.floor(h.clock.now().getTime() / 1000) - 600 },
    );
    expect(stale.status).to.equal(401);
    const unsigned = await h.http
      .post(`/v1/vouchers/${cheque.code}/payments`)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: '45.00' });
    expect(unsigned.status).to.equal(401);
    const citizenPays = await payAsAdmin(h, (await lbcCitizen(h)).actor, cheque.code);
    expect(citizenPays.status).to.equal(403);
    const auditor = await createActor(h, 'auditor');
    expect((await payAsAdmin(h, auditor, cheque.code)).status).to.equal(403);
    const [row] = await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM vouchers WHERE code = $1`, [cheque.code]);
    expect(row?.status).to.equal('awaiting_payment');
  });

  it("when a valid callback for cheque A is replayed against cheque B's URL with a new key, then 401 and B stays unpaid", async () => {
    const a = await orderedCheque();
    const b = await orderedCheque();
    const timestamp = Math.floor(h.clock.now().getTime() / 1000);
    const paidA = await providerCallback(h, a.cheque.code, { amount: '45.00' }, { timestamp });
    expect(paidA.status, JSON.stringify(paidA.body)).to.equal(200);
    // Same timestamp, body and signature as A's callback, well within the 5 minutes.
    const replayed = await providerCallback(h, b.cheque.code, { amount: '45.00' }, { timestamp, signedFor: a.cheque.code });
    expect(replayed.status, JSON.stringify(replayed.body)).to.equal(401);
    expect(replayed.body.code).to.equal('unauthenticated');
    const [row] = await queryRows<{ status: string; co_payment_status: string }>(
      h.sequelize,
      `SELECT status, co_payment_status FROM vouchers WHERE code = $1`,
      [b.cheque.code],
    );
    expect(row).to.deep.equal({ status: 'awaiting_payment', co_payment_status: 'due' });
    expect(await paymentAudits(b.cheque.code)).to.deep.equal([]);
  });

  it('when the amount is not the co-payment, then 422 amount_mismatch pointing at /amount', async () => {
    const { cheque } = await orderedCheque();
    const res = await payAsAdmin(h, admin, cheque.code, '39.99');
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('amount_mismatch');
    expect(res.body.errors[0].path).to.equal('/amount');
    expect((await payAsAdmin(h, admin, cheque.code, '40.001')).status).to.equal(400);
    expect((await payAsAdmin(h, admin, `${lbc.code}-0000000000`)).status).to.equal(404);
  });
});

import { expect } from 'chai';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  lbcCitizen,
  openVoucherProgramme,
  order,
  orderVoucher,
  payAsAdmin,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC cheques: ordering, cancelling and reading', () => {
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

  const cancel = (citizen: Actor, code: string) => h.http.post(`/v1/vouchers/${code}/cancel`).set(citizen.auth);

  it('when a cheque is still open, then ordering another is 409 voucher_open, also when several orders race', async () => {
    const citizen = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);
    const answers = await Promise.all([1, 2, 3, 4].map(() => orderVoucher(h, citizen.actor, entitlement.id)));
    expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 409, 409, 409]);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.code === 'voucher_open')).to.equal(true);
  });

  it('when the citizen cancels an unused cheque, then it is cancelled, the hours return, and the next order is cheque 1 again', async () => {
    const { citizen, entitlement, cheque } = await lbc.orderedCheque();
    const res = await cancel(citizen.actor, cheque.code);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status).to.equal('cancelled');
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ reserved: '0.00', available: '7.00' });
    expect((await cancel(citizen.actor, cheque.code)).status).to.equal(409);
    const again = await order(h, citizen.actor, entitlement.id);
    expect(again).to.include({ sequence: 1 });
    expect(again.hours.amount).to.equal('4.00');
    // An issued (paid, not registered) cheque can still be cancelled.
    expect((await payAsAdmin(h, admin, again.code)).status).to.equal(200);
    expect((await cancel(citizen.actor, again.code)).body.status).to.equal('cancelled');
  });

  it('when the cheque is in use at a centre, then the citizen cannot cancel it (409)', async () => {
    const { citizen, cheque } = await lbc.chequeInUse();
    const res = await cancel(citizen.actor, cheque.code);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('voucher_not_cancellable');
  });

  it("when another citizen orders on, cancels or reads someone's cheque, then 404; staff readers see it with its sessions", async () => {
    const citizen = await lbcCitizen(h);
    const other = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);
    const cheque = await order(h, citizen.actor, entitlement.id);
    expect((await orderVoucher(h, other.actor, entitlement.id)).status).to.equal(404);
    expect((await cancel(other.actor, cheque.code)).status).to.equal(404);
    expect((await h.http.get(`/v1/vouchers/${cheque.code}`).set(other.actor.auth)).status).to.equal(404);
    const own = await h.http.get(`/v1/vouchers/${cheque.code}`).set(citizen.actor.auth).expect(200);
    expect(own.body).to.include({ code: cheque.code, clientNumber: cheque.clientNumber, status: 'awaiting_payment' });
    expect(own.body.sessions).to.deep.equal([]);
    const auditor = await createActor(h, 'auditor');
    expect((await h.http.get(`/v1/vouchers/${cheque.code}`).set(auditor.auth)).status).to.equal(200);
    const centre = await lbc.centre();
    expect((await h.http.get(`/v1/vouchers/${cheque.code}`).set(centre.staff.auth)).status).to.equal(403);
    expect((await h.http.get('/v1/vouchers/not-a-code').set(citizen.actor.auth)).status).to.equal(400);
    expect((await orderVoucher(h, citizen.actor, '00000000-0000-4000-8000-000000000000')).status).to.equal(404);
  });
});

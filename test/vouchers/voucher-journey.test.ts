import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  adminActor,
  closeCheque,
  expectLedgerVerified,
  guidance,
  lbcCitizen,
  openVoucherProgramme,
  order,
  orderVoucher,
  payAsAdmin,
  providerCallback,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC journey: claim -> cheque 1 (4 h) -> sessions -> close -> cheque 2 (3 h) -> ... -> no cheques left', () => {
  let h: Harness;
  let lbc: VoucherProgramme;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));

  it('when a citizen goes through both cheques, then every state, balance, ledger entry and notification follows', async () => {
    const admin = await adminActor(h);
    const citizen = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);

    // Cheque 1: 4 hours, awaiting a EUR 45 co-payment due in 14 days.
    const first = await order(h, citizen.actor, entitlement.id);
    expect(first).to.deep.include({ sequence: 1, hours: { amount: '4.00', unit: 'HOUR' }, status: 'awaiting_payment' });
    expect(first.code).to.match(new RegExp(`^${lbc.code}-[0-9A-HJKMNP-TV-Z]{10}$`));
    expect(first.clientNumber).to.match(/^\d{8}$/);
    expect(first.coPayment).to.include({ amount: '45.00', currency: 'EUR', status: 'due', dueBy: '2026-12-15' });
    let mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ granted: '7.00', reserved: '4.00', used: '0.00', available: '3.00' });

    const paid = await payAsAdmin(h, admin, first.code);
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
    expect(paid.body).to.include({ status: 'issued', issuedOn: '2026-12-01', validUntil: '2027-03-01' });

    const centre = await lbc.centre();
    const registered = await register(h, centre, first.code, first.clientNumber);
    expect(registered.status).to.equal(200);
    expect(registered.body).to.include({ status: 'in_use', centreId: centre.id });
    expect(registered.body).to.not.have.property('clientNumber');

    const s1 = await recordSession(h, centre, first.code, guidance('2026-12-01', '1.50'));
    expect(s1.status, JSON.stringify(s1.body)).to.equal(201);
    expect(s1.body.session).to.include({ date: '2026-12-01', kind: 'guidance', status: 'recorded', counsellor: 'An Peeters' });
    expect(s1.body.voucher.remainingHours).to.deep.equal({ amount: '2.50', unit: 'HOUR' });
    const s2 = await recordSession(h, centre, first.code, guidance('2026-12-01', 2));
    expect(s2.body.voucher.remainingHours.amount).to.equal('0.50');

    // Closing returns the half hour not used to the right.
    const closed = await closeCheque(h, centre, first.code);
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(closed.body.status).to.equal('closed');
    expect(closed.body.developmentPlan.goals).to.have.length(2);
    mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ granted: '7.00', reserved: '0.00', used: '3.50', available: '3.50' });

    // Cheque 2 is 3 hours (voucherHours), not 3 h + the half hour cheque 1 returned.
    const second = await order(h, citizen.actor, entitlement.id);
    expect(second.sequence).to.equal(2);
    expect(second.hours.amount).to.equal('3.00');
    const callback = await providerCallback(h, second.code, { amount: '45.00', reference: 'PSP-123' });
    expect(callback.status, JSON.stringify(callback.body)).to.equal(200);
    const centre2 = await lbc.centre();
    expect((await register(h, centre2, second.code, second.clientNumber)).status).to.equal(200);
    expect((await recordSession(h, centre2, second.code, guidance('2026-12-01', '3.00'))).status).to.equal(201);
    expect((await closeCheque(h, centre2, second.code)).status).to.equal(200);

    const third = await orderVoucher(h, citizen.actor, entitlement.id);
    expect(third.status).to.equal(409);
    expect(third.body.code).to.equal('no_vouchers_left');

    // The half hour left after the last cheque stays on the right, visible in its balance.
    mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ granted: '7.00', reserved: '0.00', used: '6.50', available: '0.50' });
    expect(mine.body.items[0].vouchers.map((v: { status: string }) => v.status)).to.deep.equal(['closed', 'closed']);

    const ledger = await h.http.get(`/v1/entitlements/${entitlement.id}/ledger?limit=500`).set(citizen.actor.auth).expect(200);
    const kinds = ledger.body.items.map((entry: { kind: string }) => entry.kind);
    expect(kinds[kinds.length - 1]).to.equal('grant');
    expect(kinds.filter((kind: string) => kind === 'redeem')).to.have.length(3);
    const redeemed = ledger.body.items.find((entry: { kind: string }) => entry.kind === 'redeem');
    expect(redeemed.centre.id).to.equal(centre2.id);
    expect(redeemed).to.include({ amount: '-3.00', balanceAfter: '0.00' });

    const notes = await queryRows<{ kind: string }>(
      h.sequelize,
      `SELECT kind FROM notifications WHERE user_id = $1 AND kind = 'voucher_session'`,
      [citizen.actor.principal.userId],
    );
    expect(notes).to.have.length(3);
    await expectLedgerVerified(h);
  });

  it("when someone else asks for a right's ledger, then another citizen gets 404 and an auditor reads it", async () => {
    const citizen = await lbcCitizen(h);
    const other = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);
    expect((await h.http.get(`/v1/entitlements/${entitlement.id}/ledger`).set(other.actor.auth)).status).to.equal(404);
    const auditor = await createActor(h, 'auditor');
    const read = await h.http.get(`/v1/entitlements/${entitlement.id}/ledger`).set(auditor.auth).expect(200);
    expect(read.body.items[0]).to.include({ kind: 'grant', amount: '7.00', balanceAfter: '7.00' });
    expect((await h.http.get('/v1/me/entitlements').set(other.actor.auth).expect(200)).body.items).to.have.length(0);
    await expectLedgerVerified(h);
  });
});

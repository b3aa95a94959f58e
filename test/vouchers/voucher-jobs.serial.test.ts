// Serial: the voucher jobs run over every cheque of the database that is due by the date they are
// given, of every programme (they take no programme or centre to stay within), and the dates these
// tests need (an expiry in 2088, lapses in late 2026) reach cheques other files are using
// meanwhile: a cheque in use elsewhere would expire mid-test. The cheques and parameters here are
// of programmes like LBC of this file's own, so the file still passes alone and changes no shared
// programme. `npm test` runs `*.serial.test.ts` files after the parallel phase, when no other file runs.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { JOBS } from '../../server/jobs/job-registry.js';
import { expireVouchers, lapseUnpaidVouchers } from '../../server/vouchers/voucher-jobs.js';
import type { Actor } from '../support/actors.js';
import { entriesOfPosting } from '../ledger/support/ledger-fixtures.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  guidance,
  lbcCitizen,
  openVoucherProgramme,
  order,
  payAsAdmin,
  recordSession,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC jobs: unpaid orders lapse, cheques expire (driven by the clock given to the job)', () => {
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

  const statusOf = async (code: string) =>
    (
      await queryRows<{ status: string; co_payment_status: string }>(
        h.sequelize,
        `SELECT status, co_payment_status FROM vouchers WHERE code = $1`,
        [code],
      )
    )[0];
  const balanceOf = async (citizen: Actor) => (await h.http.get('/v1/me/entitlements').set(citizen.auth).expect(200)).body.items[0].balance;

  it('when both jobs are registered, then the scheduler and npm run jobs run them', () => {
    expect(JOBS.map((job) => job.name)).to.include.members(['lapse-unpaid-vouchers', 'expire-vouchers']);
  });

  it('when the co-payment is not paid by the due date, then the order lapses and its hours return; run twice, nothing more happens', async () => {
    const { citizen, cheque } = await lbc.orderedCheque();
    await lapseUnpaidVouchers(h.context, new Date('2026-12-15T23:00:00Z'));
    expect(await statusOf(cheque.code)).to.deep.equal({ status: 'awaiting_payment', co_payment_status: 'due' });
    await lapseUnpaidVouchers(h.context, new Date('2026-12-16T01:00:00Z'));
    expect(await statusOf(cheque.code)).to.deep.equal({ status: 'cancelled', co_payment_status: 'lapsed' });
    expect(await lapseUnpaidVouchers(h.context, new Date('2026-12-16T02:00:00Z'))).to.equal(0);
    expect(await balanceOf(citizen.actor)).to.include({ reserved: '0.00', available: '7.00' });
  });

  it('when two instances run the lapse job at once, then each lapsed order moves its hours back exactly once', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const citizen = await lbcCitizen(h);
      codes.push((await order(h, citizen.actor, (await lbc.grant(citizen.actor)).id)).code);
    }
    const now = new Date('2026-12-20T00:00:00Z');
    const [a, b] = await Promise.all([lapseUnpaidVouchers(h.context, now), lapseUnpaidVouchers(h.context, now)]);
    expect(a + b).to.be.at.least(3);
    const releases = await queryRows<{ n: string }>(
      h.sequelize,
      `SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'release' AND metadata->>'voucherCode' = ANY($1::text[])`,
      [codes],
    );
    expect(releases[0]?.n).to.equal('3');
  });

  it("when an issued cheque passes its validity, then it expires and, under the rule 'return', what is left goes back to the right", async () => {
    const { citizen, cheque, centre } = await lbc.chequeInUse();
    await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'));
    await expireVouchers(h.context, new Date('2027-03-01T12:00:00Z'));
    expect((await statusOf(cheque.code))?.status).to.equal('in_use');
    await expireVouchers(h.context, new Date('2027-03-02T00:30:00Z'));
    expect((await statusOf(cheque.code))?.status).to.equal('expired');
    expect(await balanceOf(citizen.actor)).to.include({ used: '1.00', reserved: '0.00', available: '6.00' });
    setToday(h, '2027-03-02');
    const late = await recordSession(h, centre, cheque.code, guidance('2027-03-01'));
    expect(late.status).to.equal(409);
  });

  it('when an order lapses or a cheque expires, then its citizen is told (voucher_lapsed, voucher_expired) and nobody else is', async () => {
    const newsOf = async (citizen: Actor) =>
      (
        (await h.http.get('/v1/me/notifications').set(citizen.auth).expect(200)).body.items as {
          kind: string;
          subject: string;
          body: string;
          data: Record<string, unknown>;
        }[]
      ).filter((item) => item.kind === 'voucher_lapsed' || item.kind === 'voucher_expired');
    const unpaidOwner = await lbcCitizen(h);
    const unpaid = await order(h, unpaidOwner.actor, (await lbc.grant(unpaidOwner.actor)).id);
    const { citizen: issuedOwner, cheque: issued } = await lbc.chequeInUse();
    const bystander = await lbcCitizen(h);

    await lapseUnpaidVouchers(h.context, new Date('2026-12-16T01:00:00Z'));
    const lapsed = await newsOf(unpaidOwner.actor);
    expect(lapsed).to.have.length(1);
    expect(lapsed[0]).to.deep.include({ kind: 'voucher_lapsed', data: { voucherCode: unpaid.code } });
    expect(lapsed[0]!.subject).to.contain(unpaid.code);
    expect(lapsed[0]!.body).to.contain('2026-12-15');

    await expireVouchers(h.context, new Date('2027-03-02T00:30:00Z'));
    const expired = await newsOf(issuedOwner.actor);
    expect(expired).to.have.length(1);
    expect(expired[0]).to.deep.include({ kind: 'voucher_expired', data: { voucherCode: issued.code } });
    expect(expired[0]!.body).to.contain('back on your right');
    expect(await newsOf(unpaidOwner.actor)).to.have.length(1);
    expect(await newsOf(bystander.actor)).to.deep.equal([]);
  });

  it("when the rule in force is 'forfeit', then the hours go to the programme and their committed money back to the budget", async () => {
    // A programme of its own like LBC, with the other rule for expired hours.
    const forfeiting = await openVoucherProgramme(h, '2088-01-10', { values: { expiredHours: 'forfeit' } });
    const { citizen, cheque, centre } = await forfeiting.chequeInUse();
    await recordSession(h, centre, cheque.code, guidance('2088-01-10', '1.00'));
    await expireVouchers(h.context, new Date('2088-04-11T00:30:00Z'));
    expect((await statusOf(cheque.code))?.status).to.equal('expired');
    // Other cheques of the same database may expire in the same run: read this cheque's posting.
    expect(await entriesOfPosting(h.sequelize, 'expire', 'voucherCode', cheque.code)).to.deep.equal([
      { owner_type: 'programme_budget', amount: '420.77' }, // 3 h x 140.256, rounded to the cent
      { owner_type: 'programme_commitments', amount: '-420.77' },
      { owner_type: 'programme_hour_pool', amount: '3.00' },
      { owner_type: 'voucher', amount: '-3.00' },
    ]);
    expect(await balanceOf(citizen.actor)).to.include({ granted: '7.00', used: '1.00', reserved: '0.00', available: '3.00' });
  });

  it("when cheque 1 expires unused under the rule 'return', then cheque 2 is still 3 hours and the other 4 stay on the right", async () => {
    const citizen = await lbcCitizen(h);
    const entitlement = await lbc.grant(citizen.actor);
    const first = await order(h, citizen.actor, entitlement.id);
    expect((await payAsAdmin(h, admin, first.code)).status).to.equal(200);
    try {
      setToday(h, '2027-03-02');
      await expireVouchers(h.context, h.clock.now());
      const second = await order(h, citizen.actor, entitlement.id);
      expect(second).to.deep.include({ sequence: 2, hours: { amount: '3.00', unit: 'HOUR' } });
      const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
      expect(mine.body.items[0].balance).to.include({ granted: '7.00', reserved: '3.00', used: '0.00', available: '4.00' });
      expect(mine.body.items[0].vouchers.map((v: { status: string }) => v.status)).to.deep.equal(['expired', 'awaiting_payment']);
      await expectLedgerVerified(h);
    } finally {
      setToday(h, '2026-12-01');
    }
  });

  it('when payment arrives after the due date, then 409 payment_overdue; once lapsed, 409 voucher_not_payable', async () => {
    const citizen = await lbcCitizen(h);
    const cheque = await order(h, citizen.actor, (await lbc.grant(citizen.actor)).id);
    setToday(h, '2026-12-16');
    const late = await payAsAdmin(h, admin, cheque.code);
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('payment_overdue');
    await lapseUnpaidVouchers(h.context, h.clock.now());
    const lapsed = await payAsAdmin(h, admin, cheque.code);
    expect(lapsed.status).to.equal(409);
    expect(lapsed.body.code).to.equal('voucher_not_payable');
  });
});

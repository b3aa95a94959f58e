import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { startScheduler } from '../../server/jobs/scheduler.js';
import { accountBalance } from '../../server/ledger/ledger-accounts.js';
import { holdStatus, placeHold } from '../../server/ledger/ledger-holds.js';
import { d, entriesOfPosting, grantedAccount } from '../ledger/support/ledger-fixtures.js';
import { harness, type Harness } from '../support/harness.js';
import { adminActor, expectLedgerVerified, fundLbc, grant, lbcCitizen, order, payAsAdmin, setToday } from '../support/voucher-factory.js';
import { applyFor, fundIta, itaCitizen, providerWithCourse } from '../applications/ita-fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The registered jobs as the service runs them: through the scheduler, on the service clock.
// The other suites call each job function directly; this one only moves the clock and waits.
describe('the scheduler with the registered jobs', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    // A year no other suite uses: the parameters in force are the bundled ones.
    setToday(h, '2029-06-01');
    await fundLbc(h);
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2029-06-01'));

  const voucherOf = async (code: string) =>
    (
      await queryRows<{ status: string; co_payment_status: string }>(
        h.sequelize,
        `SELECT status, co_payment_status FROM vouchers WHERE code = $1`,
        [code],
      )
    )[0];
  const applicationOf = async (reference: string) =>
    (
      await queryRows<{ status: string; hold: string }>(
        h.sequelize,
        `SELECT a.status, l.status AS hold FROM applications a JOIN ledger_holds l ON l.id = a.hold_id WHERE a.reference = $1`,
        [reference],
      )
    )[0];
  const balanceOf = async (auth: Record<string, string>, id: string) =>
    ((await h.http.get('/v1/me/entitlements').set(auth).expect(200)).body.items as { id: string; balance: Record<string, string> }[]).find(
      (item) => item.id === id,
    )!.balance;

  it('when the clock passes the due dates, then the scheduler lapses the unpaid cheque and the unverified application, expires the issued cheque and frees a hold past its deadline', async () => {
    const admin = await adminActor(h);
    const unpaidOwner = await lbcCitizen(h);
    const unpaidRight = await grant(h, unpaidOwner.actor);
    const unpaid = await order(h, unpaidOwner.actor, unpaidRight.id); // due by 2029-06-15
    const issuedOwner = await lbcCitizen(h);
    const issuedRight = await grant(h, issuedOwner.actor);
    const issued = await order(h, issuedOwner.actor, issuedRight.id);
    expect((await payAsAdmin(h, admin, issued.code)).status).to.equal(200); // valid until 2029-09-01
    const applicant = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '160.00');
    const application = await applyFor(h, applicant.actor, course.id); // to verify by 2029-06-29
    const { account } = await grantedAccount(h.sequelize, '10.00', 'GBP');
    const bareHold = await placeHold(h.sequelize, { accountId: account, amount: d('4.00'), expiresAt: new Date('2029-07-01T00:00:00Z') });

    setToday(h, '2029-09-03');
    const [mark] = await queryRows<{ id: string }>(h.sequelize, `SELECT coalesce(max(id), 0) AS id FROM job_runs`);
    const stop = startScheduler(h.context, 0.01);
    try {
      const done = async () =>
        (await voucherOf(unpaid.code))?.status === 'cancelled' &&
        (await voucherOf(issued.code))?.status === 'expired' &&
        (await applicationOf(application.reference))?.status === 'lapsed' &&
        (await holdStatus(h.sequelize, bareHold.holdId))?.status === 'expired';
      for (let waited = 0; !(await done()); waited += 20) {
        if (waited > 10_000) throw new Error('the scheduler did not run the jobs within 10 s');
        await sleep(20);
      }
    } finally {
      await stop();
    }

    expect(await voucherOf(unpaid.code)).to.deep.equal({ status: 'cancelled', co_payment_status: 'lapsed' });
    expect(await balanceOf(unpaidOwner.actor.auth, unpaidRight.id)).to.include({ reserved: '0.00', available: '7.00' });
    expect((await voucherOf(issued.code))?.status).to.equal('expired');
    expect(await balanceOf(issuedOwner.actor.auth, issuedRight.id)).to.include({ reserved: '0.00', used: '0.00', available: '7.00' });
    expect(await applicationOf(application.reference)).to.deep.equal({ status: 'lapsed', hold: 'released' });
    // Other suites' due rows lapse in the same ticks, so the budget is read on this application's posting.
    expect(await entriesOfPosting(h.sequelize, 'release', 'reference', application.reference)).to.deep.equal([
      { owner_type: 'entitlement', amount: '-160.00' },
      { owner_type: 'programme_budget', amount: '160.00' },
    ]);
    const runs = await queryRows<{ job_name: string }>(
      h.sequelize,
      `SELECT DISTINCT job_name FROM job_runs WHERE id > $1 AND error IS NULL`,
      [mark!.id],
    );
    expect(runs.map((run) => run.job_name)).to.include.members([
      'lapse-unverified-applications',
      'lapse-unpaid-vouchers',
      'expire-vouchers',
      'expire-holds',
    ]);
    expect((await accountBalance(h.sequelize, account)).held.toFixed(2)).to.equal('0.00');
    await expectLedgerVerified(h);
  });
});

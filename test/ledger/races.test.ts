// Races with real concurrent connections: a dedicated pool of 60 so requests truly overlap in
// the database, not just in the event loop.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { connectDatabase, type Database } from '../../server/db/database.js';
import { accountBalance } from '../../server/ledger/ledger-accounts.js';
import { captureHold, placeHold, releaseHold } from '../../server/ledger/ledger-holds.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { idempotencyKey } from '../support/actors.js';
import { d, grantedAccount, openSource, refusal, TODAY, transfer } from './support/ledger-fixtures.js';

describe('ledger races', function () {
  this.timeout(60_000);
  let database: Database;
  let sequelize: Sequelize;

  before(async () => {
    database = connectDatabase(process.env.TEST_DATABASE_URL!, 60);
    sequelize = database.sequelize;
    // Open the connections up front so the racers start together.
    await Promise.all(Array.from({ length: 60 }, () => sequelize.query('SELECT pg_sleep(0.05)')));
  });
  after(() => database.close());

  it('when 200 one-unit debits race against a balance of 50, then exactly 50 succeed and the balance ends at 0', async () => {
    const { account } = await grantedAccount(sequelize, '50.00');
    const centre = await openSource(sequelize);
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => refusal(transfer(sequelize, account, centre, '1.00'))));
    expect(outcomes.filter((o) => o === 'resolved')).to.have.length(50);
    expect(outcomes.filter((o) => o === 'insufficient_balance')).to.have.length(150);
    expect((await accountBalance(sequelize, account)).balance.toFixed(2)).to.equal('0.00');
    expect((await accountBalance(sequelize, centre)).balance.toFixed(2)).to.equal('50.00');
    expect((await verifyLedger(sequelize)).ok).to.equal(true);
  });

  it('when debits race in both directions between two guarded accounts, then none deadlocks for good and totals hold', async () => {
    const a = await grantedAccount(sequelize, '100.00');
    const b = await grantedAccount(sequelize, '100.00');
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        refusal(
          i % 2 ? transfer(sequelize, a.account, b.account, '3.00', 'move') : transfer(sequelize, b.account, a.account, '2.00', 'move'),
        ),
      ),
    );
    expect(outcomes.filter((o) => o !== 'resolved' && o !== 'insufficient_balance')).to.deep.equal([]);
    const total = (await accountBalance(sequelize, a.account)).balance.plus((await accountBalance(sequelize, b.account)).balance);
    expect(total.toFixed(2)).to.equal('200.00');
  });

  it('when 20 postings race with one idempotency key, then there is one transaction and twenty identical answers', async () => {
    const { account } = await grantedAccount(sequelize, '10.00');
    const centre = await openSource(sequelize);
    const key = idempotencyKey();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postTransaction(sequelize, {
          kind: 'redeem',
          businessDate: TODAY,
          idempotencyKey: key,
          entries: [
            { accountId: account, amount: d('-4.00') },
            { accountId: centre, amount: d('4.00') },
          ],
        }),
      ),
    );
    const shape = (answer: (typeof answers)[number]) => ({
      transactionId: answer.transactionId,
      entries: answer.entries.map((e) => [e.accountId, e.amount.toFixed(2), e.balanceAfter.toFixed(2)]),
    });
    for (const answer of answers) expect(shape(answer)).to.deep.equal(shape(answers[0]!));
    expect(answers.filter((answer) => !answer.replayed)).to.have.length(1);
    expect((await accountBalance(sequelize, account)).balance.toFixed(2)).to.equal('6.00');
  });

  it('when a capture and a release of one hold race, then exactly one wins each time', async () => {
    for (let round = 0; round < 15; round++) {
      const { account } = await grantedAccount(sequelize, '10.00', 'GBP');
      const provider = await openSource(sequelize, 'GBP');
      const hold = await placeHold(sequelize, { accountId: account, amount: d('8.00'), expiresAt: new Date(Date.now() + 60_000) });
      const [captured, released] = await Promise.all([
        refusal(
          captureHold(sequelize, { holdId: hold.holdId, amount: d('5.00'), toAccountId: provider, businessDate: TODAY, now: new Date() }),
        ),
        refusal(releaseHold(sequelize, hold.holdId)),
      ]);
      expect([captured, released].sort()).to.deep.equal(['hold_resolved', 'resolved']);
      const balance = await accountBalance(sequelize, account);
      expect(balance.held.toFixed(2)).to.equal('0.00');
      expect(balance.balance.toFixed(2)).to.equal(captured === 'resolved' ? '5.00' : '10.00');
    }
    expect((await verifyLedger(sequelize)).ok).to.equal(true);
  });

  it('when holds and debits race on one balance, then available never goes below zero', async () => {
    const { account } = await grantedAccount(sequelize, '30.00');
    const centre = await openSource(sequelize);
    const work = Array.from({ length: 60 }, (_, i) =>
      refusal(
        i % 2
          ? placeHold(sequelize, { accountId: account, amount: d('1.00'), expiresAt: new Date(Date.now() + 60_000) })
          : transfer(sequelize, account, centre, '1.00'),
      ),
    );
    const outcomes = await Promise.all(work);
    expect(outcomes.filter((o) => o === 'resolved')).to.have.length(30);
    const balance = await accountBalance(sequelize, account);
    expect(balance.available.toFixed(2)).to.equal('0.00');
    expect((await verifyLedger(sequelize)).ok).to.equal(true);
  });
});

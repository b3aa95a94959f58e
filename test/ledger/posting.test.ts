import { expect } from 'chai';
import { accountBalance } from '../../server/ledger/ledger-accounts.js';
import { postTransaction, reverseTransaction } from '../../server/ledger/ledger-postings.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { idempotencyKey } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { d, grantedAccount, openGuarded, openSource, refusal, TODAY, transfer } from './support/ledger-fixtures.js';

describe('ledger postings', () => {
  const sequelize = () => harness().sequelize;

  it('when value moves, then both balances change and each entry carries the balance after it', async () => {
    const { account } = await grantedAccount(sequelize(), '7.00');
    const centre = await openSource(sequelize());
    const posted = await transfer(sequelize(), account, centre, '1.50');
    expect(posted.replayed).to.equal(false);
    const mine = posted.entries.find((entry) => entry.accountId === account);
    expect(mine?.amount.toFixed(2)).to.equal('-1.50');
    expect(mine?.balanceAfter.toFixed(2)).to.equal('5.50');
    const balance = await accountBalance(sequelize(), account);
    expect(balance.balance.toFixed(2)).to.equal('5.50');
    expect(balance.available.toFixed(2)).to.equal('5.50');
  });

  it('when a debit would take a guarded account below zero, then it is refused and nothing moves', async () => {
    const { account } = await grantedAccount(sequelize(), '2.00');
    const centre = await openSource(sequelize());
    expect(await refusal(transfer(sequelize(), account, centre, '2.01'))).to.equal('insufficient_balance');
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('2.00');
    expect((await accountBalance(sequelize(), centre)).balance.toFixed(2)).to.equal('0.00');
  });

  it('when a posting does not balance, then it is refused as invalid', async () => {
    const [a, b] = await Promise.all([openSource(sequelize()), openSource(sequelize())]);
    const unbalanced = postTransaction(sequelize(), {
      kind: 'test',
      businessDate: TODAY,
      entries: [
        { accountId: a, amount: d('-1.00') },
        { accountId: b, amount: d('0.99') },
      ],
    });
    expect(await refusal(unbalanced)).to.equal('invalid_posting');
  });

  it('when a posting mixes units, then each unit must balance on its own', async () => {
    const [hours, euros] = await Promise.all([openSource(sequelize(), 'HOUR'), openSource(sequelize(), 'EUR')]);
    const mixed = postTransaction(sequelize(), {
      kind: 'test',
      businessDate: TODAY,
      entries: [
        { accountId: hours, amount: d('-1.00') },
        { accountId: euros, amount: d('1.00') },
      ],
    });
    expect(await refusal(mixed)).to.equal('invalid_posting');
  });

  it('when an amount has more than 2 decimals, then it is refused, never rounded', async () => {
    const [a, b] = await Promise.all([openSource(sequelize()), openSource(sequelize())]);
    expect(await refusal(transfer(sequelize(), a, b, '1.005'))).to.equal('invalid_posting');
  });

  it('when an account does not exist, then the posting answers not_found', async () => {
    const a = await openSource(sequelize());
    expect(await refusal(transfer(sequelize(), a, '00000000-0000-4000-8000-000000000000', '1.00'))).to.equal('not_found');
  });

  it('when a key is replayed with the same request, then the first transaction answers', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const centre = await openSource(sequelize());
    const key = idempotencyKey();
    const first = await transfer(sequelize(), account, centre, '1.00', 'redeem', key);
    const again = await transfer(sequelize(), account, centre, '1.00', 'redeem', key);
    expect(again.replayed).to.equal(true);
    expect(again.transactionId).to.equal(first.transactionId);
    expect(again.entries.map((e) => [e.accountId, e.amount.toFixed(2), e.balanceAfter.toFixed(2)])).to.deep.equal(
      first.entries.map((e) => [e.accountId, e.amount.toFixed(2), e.balanceAfter.toFixed(2)]),
    );
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('4.00');
  });

  it('when a key is reused for another request, then it is refused with idempotency_key_reused', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const centre = await openSource(sequelize());
    const key = idempotencyKey();
    await transfer(sequelize(), account, centre, '1.00', 'redeem', key);
    expect(await refusal(transfer(sequelize(), account, centre, '2.00', 'redeem', key))).to.equal('idempotency_key_reused');
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('4.00');
  });

  it('when a transaction is reversed, then a linked opposite transaction restores the balances, once', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const centre = await openSource(sequelize());
    const redeemed = await transfer(sequelize(), account, centre, '2.00');
    const reversal = await reverseTransaction(sequelize(), {
      transactionId: redeemed.transactionId,
      reason: 'session never happened',
      businessDate: TODAY,
    });
    expect(reversal.entries.find((e) => e.accountId === account)?.amount.toFixed(2)).to.equal('2.00');
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('5.00');
    const twice = reverseTransaction(sequelize(), { transactionId: redeemed.transactionId, reason: 'again', businessDate: TODAY });
    expect(await refusal(twice)).to.equal('already_reversed');
    const ofReversal = reverseTransaction(sequelize(), { transactionId: reversal.transactionId, reason: 'undo', businessDate: TODAY });
    expect(await refusal(ofReversal)).to.equal('reversal_not_reversible');
  });

  it('when reversing a grant that was already spent, then it is refused for insufficient balance', async () => {
    const { account, grantId } = await grantedAccount(sequelize(), '3.00');
    await transfer(sequelize(), account, await openSource(sequelize()), '2.00');
    const reversal = reverseTransaction(sequelize(), { transactionId: grantId, reason: 'granted in error', businessDate: TODAY });
    expect(await refusal(reversal)).to.equal('insufficient_balance');
  });

  it('when a reversal is retried with its key, then the first reversal answers', async () => {
    const { grantId } = await grantedAccount(sequelize(), '3.00');
    const key = idempotencyKey();
    const first = await reverseTransaction(sequelize(), {
      transactionId: grantId,
      reason: 'error',
      businessDate: TODAY,
      idempotencyKey: key,
    });
    const again = await reverseTransaction(sequelize(), {
      transactionId: grantId,
      reason: 'error',
      businessDate: TODAY,
      idempotencyKey: key,
    });
    expect(again).to.include({ transactionId: first.transactionId, replayed: true });
  });

  it('when a posting runs inside a caller transaction that rolls back, then nothing of it remains', async () => {
    const { account } = await grantedAccount(sequelize(), '4.00');
    const centre = await openGuarded(sequelize());
    const failed = sequelize().transaction(async (transaction) => {
      await postTransaction(
        sequelize(),
        {
          kind: 'redeem',
          businessDate: TODAY,
          entries: [
            { accountId: account, amount: d(-1) },
            { accountId: centre, amount: d(1) },
          ],
        },
        transaction,
      );
      throw new Error('the flow failed after posting');
    });
    expect(await refusal(failed)).to.match(/flow failed/);
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('4.00');
  });

  it('when all of this has happened, then verify finds no violation', async () => {
    const report = await verifyLedger(sequelize());
    expect(report.checks.filter((check) => check.violations.length > 0)).to.deep.equal([]);
    expect(report.ok).to.equal(true);
  });
});

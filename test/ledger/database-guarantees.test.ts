// The guarantees hold in the database itself, whatever code talks to it: plain SQL is tried here,
// as the schema's owner (the triggers and constraints bind every role), and then as the app role
// the service serves with, which may not even attempt what would rewrite history.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { placeHold, releaseHold } from '../../server/ledger/ledger-holds.js';
import { harness } from '../support/harness.js';
import { d, grantedAccount, openSource, refusal, transfer } from './support/ledger-fixtures.js';

const sqlError = async (sql: string, bind: unknown[] = [], sequelize = harness().ownerSequelize) => {
  try {
    await queryRows(sequelize, sql, bind);
    return 'accepted';
  } catch (error) {
    // sequelize wraps constraint errors ("Validation error"); the database's own words are in `parent`
    return String((error as { parent?: Error }).parent?.message ?? (error as Error).message);
  }
};

describe('ledger guarantees in the database', () => {
  const sequelize = () => harness().sequelize;

  it('when an entry is updated or deleted, then the database refuses', async () => {
    const { account } = await grantedAccount(sequelize(), '3.00');
    expect(await sqlError(`UPDATE ledger_entries SET amount = 100 WHERE account_id = $1`, [account])).to.match(
      /append-only: UPDATE refused/,
    );
    expect(await sqlError(`DELETE FROM ledger_entries WHERE account_id = $1`, [account])).to.match(/append-only: DELETE refused/);
    expect(await sqlError(`TRUNCATE ledger_entries CASCADE`)).to.match(/append-only: TRUNCATE refused/);
  });

  it('when a transaction is updated or deleted, then the database refuses', async () => {
    const { grantId } = await grantedAccount(sequelize(), '3.00');
    expect(await sqlError(`UPDATE ledger_transactions SET kind = 'other' WHERE id = $1`, [grantId])).to.match(
      /append-only: UPDATE refused/,
    );
    expect(await sqlError(`DELETE FROM ledger_transactions WHERE id = $1`, [grantId])).to.match(/append-only: DELETE refused/);
  });

  it('when entries that do not balance are inserted by hand, then the commit is refused and nothing stays', async () => {
    const [a, b] = await Promise.all([openSource(sequelize()), openSource(sequelize())]);
    const error = await refusal(
      sequelize().transaction(async (transaction) => {
        const [tx] = await queryRows<{ id: string }>(
          sequelize(),
          `INSERT INTO ledger_transactions (kind, business_date) VALUES ('test', '2026-11-22') RETURNING id`,
          [],
          { transaction },
        );
        await queryRows(
          sequelize(),
          `INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after) VALUES ($1, $2, 'HOUR', -5, -5), ($1, $3, 'HOUR', 4, 4)`,
          [tx!.id, a, b],
          { transaction },
        );
      }),
    );
    expect(error).to.match(/does not balance/);
    const [count] = await queryRows<{ n: string }>(sequelize(), `SELECT count(*) AS n FROM ledger_entries WHERE account_id IN ($1, $2)`, [
      a,
      b,
    ]);
    expect(count?.n).to.equal('0');
  });

  it('when a transaction without entries is inserted, then the commit is refused', async () => {
    expect(await sqlError(`INSERT INTO ledger_transactions (kind, business_date) VALUES ('test', '2026-11-22')`)).to.match(
      /has no entries/,
    );
  });

  it('when an entry claims another unit than its account, then the database refuses', async () => {
    const { grantId } = await grantedAccount(sequelize(), '1.00');
    const other = await openSource(sequelize(), 'HOUR');
    expect(
      await sqlError(`INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after) VALUES ($1, $2, 'EUR', 1, 1)`, [
        grantId,
        other,
      ]),
    ).to.match(/foreign key/);
  });

  it('when a guarded balance is set below its holds by hand, then the database refuses', async () => {
    const { account } = await grantedAccount(sequelize(), '3.00');
    await placeHold(sequelize(), { accountId: account, amount: d('2.00'), expiresAt: new Date(Date.now() + 60_000) });
    expect(await sqlError(`UPDATE ledger_accounts SET balance = 1 WHERE id = $1`, [account])).to.match(/ledger_accounts_not_negative/);
  });

  it("when an account's held amount is changed without a hold, then the commit is refused", async () => {
    const { account } = await grantedAccount(sequelize(), '3.00');
    expect(await sqlError(`UPDATE ledger_accounts SET held = 1 WHERE id = $1`, [account])).to.match(/open holds total/);
  });

  it('when a resolved hold is changed again, then the database refuses', async () => {
    const { account } = await grantedAccount(sequelize(), '3.00');
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('1.00'), expiresAt: new Date(Date.now() + 60_000) });
    await releaseHold(sequelize(), hold.holdId);
    expect(await sqlError(`UPDATE ledger_holds SET status = 'expired', resolved_at = now() WHERE id = $1`, [hold.holdId])).to.match(
      /resolves once/,
    );
    expect(await sqlError(`DELETE FROM ledger_holds WHERE id = $1`, [hold.holdId])).to.match(/DELETE refused/);
  });

  it('when an idempotency key is inserted twice, then the unique index refuses', async () => {
    const { account } = await grantedAccount(sequelize(), '3.00');
    const centre = await openSource(sequelize());
    const key = `dup-${account}`;
    await transfer(sequelize(), account, centre, '1.00', 'redeem', key);
    expect(
      await sqlError(
        `INSERT INTO ledger_transactions (kind, business_date, idempotency_key, request_hash) VALUES ('x', '2026-11-22', $1, 'h')`,
        [key],
      ),
    ).to.match(/duplicate key/);
  });

  it("when an account's unit or owner is changed, then the database refuses", async () => {
    const account = await openSource(sequelize());
    expect(await sqlError(`UPDATE ledger_accounts SET unit = 'EUR' WHERE id = $1`, [account])).to.match(/UPDATE refused/);
    expect(await sqlError(`UPDATE ledger_accounts SET may_go_negative = false WHERE id = $1`, [account])).to.match(/UPDATE refused/);
    expect(await sqlError(`DELETE FROM ledger_accounts WHERE id = $1`, [account])).to.match(/DELETE refused/);
  });
});

// `npm run ledger:verify` as users run it: a clean database passes (exit 0); a database whose
// ledger was tampered with behind the guarantees' back (triggers off) fails (exit 1) naming ids.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connectDatabase, queryRows } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrator.js';
import { harness } from '../support/harness.js';

const runVerify = (databaseUrl: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/tools/ledger-verify.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
  });

describe('npm run ledger:verify', function () {
  this.timeout(60_000);

  it('when the ledger is sound, then it prints every check and exits 0', () => {
    const result = runVerify(process.env.TEST_DATABASE_URL!);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/ok {3}every transaction balances per unit/);
    expect(result.stdout).to.match(/ledger verified: no violations/);
  });

  it('when entries were tampered with, then it exits 1 and names the offending transaction and account', async () => {
    const name = `verify_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await harness().sequelize.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const broken = connectDatabase(url.toString(), 2);
    try {
      await migrate(broken.sequelize);
      const [account] = await queryRows<{ id: string }>(
        broken.sequelize,
        `INSERT INTO ledger_accounts (owner_type, owner_id, unit, may_go_negative) VALUES ('test', 'x', 'HOUR', false) RETURNING id`,
      );
      const tampered = await broken.sequelize.transaction(async (transaction) => {
        // replica mode switches triggers and foreign keys off: exactly what verify exists to catch
        await broken.sequelize.query(`SET LOCAL session_replication_role = replica`, { transaction });
        const [tx] = await queryRows<{ id: string }>(broken.sequelize, `INSERT INTO ledger_transactions (kind, business_date) VALUES ('forged', '2026-11-22') RETURNING id`, [], { transaction });
        await queryRows(broken.sequelize, `INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after) VALUES ($1, $2, 'HOUR', 5, 5)`, [tx!.id, account!.id], { transaction });
        return tx!.id;
      });
      const result = runVerify(url.toString());
      expect(result.status).to.equal(1);
      expect(result.stdout).to.match(/FAIL every transaction balances per unit/);
      expect(result.stdout).to.contain(tampered);
      expect(result.stdout).to.contain(account!.id);
      expect(result.stdout).to.match(/ledger verification FAILED/);
    } finally {
      await broken.close();
      await harness().sequelize.query(`DROP DATABASE ${name}`);
    }
  });
});

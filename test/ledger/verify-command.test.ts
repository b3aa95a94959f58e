// `npm run ledger:verify` as users run it: a clean database passes (exit 0); a database whose
// ledger was tampered with behind the guarantees' back (triggers off) fails (exit 1) naming ids;
// a database with pending migrations is refused (exit 2) and left as it was. Each other check of
// verifyLedger() is then shown to catch its own kind of tampering. Tampering happens only in
// scratch databases, so the shared test database keeps verifying clean for later tests.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { connectDatabase, queryRows } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrator.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { postmasterPid, serviceEnv, startEmbeddedService } from '../support/embedded-service.js';
import { freePort } from '../support/global-setup.js';

const runVerify = (databaseUrl: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/tools/ledger-verify.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
  });

type Scratch = { url: string; sequelize: Sequelize; drop: () => Promise<void> };

/**
 * An empty database of its own on the test server, dropped by `drop`, used as the superuser: the
 * tampering below needs powers (replica mode, dropping a constraint) that only an intruder with
 * the superuser's password would have.
 */
async function scratchDatabase(): Promise<Scratch> {
  const name = `verify_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const superuserUrl = process.env.TEST_DATABASE_SUPERUSER_URL ?? process.env.TEST_DATABASE_URL!;
  const server = connectDatabase(superuserUrl, 1);
  await server.sequelize.query(`CREATE DATABASE ${name}`);
  const url = new URL(superuserUrl);
  url.pathname = `/${name}`;
  const database = connectDatabase(url.toString(), 2);
  return {
    url: url.toString(),
    sequelize: database.sequelize,
    drop: async () => {
      await database.close();
      await server.sequelize.query(`DROP DATABASE ${name}`);
      await server.close();
    },
  };
}

type Sql = <Row>(text: string, bind?: unknown[]) => Promise<Row[]>;

/** Writes with triggers and foreign keys off (replica mode): exactly what verify exists to catch. */
function tamper<T>(sequelize: Sequelize, work: (sql: Sql) => Promise<T>): Promise<T> {
  return sequelize.transaction(async (transaction: Transaction) => {
    await sequelize.query(`SET LOCAL session_replication_role = replica`, { transaction });
    return work((text, bind = []) => queryRows(sequelize, text, bind, { transaction }));
  });
}

async function openAccount(sequelize: Sequelize, mayGoNegative: boolean): Promise<string> {
  const [account] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO ledger_accounts (owner_type, owner_id, unit, may_go_negative) VALUES ('test', $1, 'HOUR', $2) RETURNING id`,
    [randomUUID(), mayGoNegative],
  );
  return account!.id;
}

describe('npm run ledger:verify', function () {
  this.timeout(60_000);

  it('when the ledger is sound, then it prints every check and exits 0', () => {
    const result = runVerify(process.env.TEST_DATABASE_URL!);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/ok {3}every transaction balances per unit/);
    expect(result.stdout).to.match(/ledger verified: no violations/);
  });

  it('when entries were tampered with, then it exits 1 and names the offending transaction and account', async () => {
    const broken = await scratchDatabase();
    try {
      await migrate(broken.sequelize);
      const account = await openAccount(broken.sequelize, false);
      const tampered = await tamper(broken.sequelize, async (sql) => {
        const [tx] = await sql<{ id: string }>(
          `INSERT INTO ledger_transactions (kind, business_date) VALUES ('forged', '2026-11-22') RETURNING id`,
        );
        await sql(`INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after) VALUES ($1, $2, 'HOUR', 5, 5)`, [
          tx!.id,
          account,
        ]);
        return tx!.id;
      });
      const result = runVerify(broken.url);
      expect(result.status).to.equal(1);
      expect(result.stdout).to.match(/FAIL every transaction balances per unit/);
      expect(result.stdout).to.contain(tampered);
      expect(result.stdout).to.contain(account);
      expect(result.stdout).to.match(/ledger verification FAILED/);
    } finally {
      await broken.drop();
    }
  });

  it('when the database has pending migrations, then it exits 2 naming them and writes nothing', async () => {
    const empty = await scratchDatabase();
    try {
      const result = runVerify(empty.url);
      expect(result.status, result.stdout).to.equal(2);
      expect(result.stderr)
        .to.match(/pending migration/)
        .and.contain('20261122-01-foundation')
        .and.contain('npm run db:migrate');
      const tables = await queryRows<{ n: string }>(empty.sequelize, `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables[0]?.n, 'a checker must not create tables, not even its migration log').to.equal('0');
    } finally {
      await empty.drop();
    }
  });
});

describe('npm run ledger:verify on the embedded database (no DATABASE_URL)', function () {
  this.timeout(90_000);
  let root: string;
  let dataDir: string;
  let pgPort: number;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'learning-accounts-verify-'));
    chmodSync(root, 0o755);
    dataDir = path.join(root, 'pg');
    pgPort = await freePort();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const runVerifyEmbedded = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/tools/ledger-verify.ts'], {
      env: serviceEnv(dataDir, pgPort),
      encoding: 'utf8',
    });

  it('when the service is running, then it checks the live database and leaves it running', async () => {
    const port = await freePort();
    const service = await startEmbeddedService(dataDir, pgPort, port);
    try {
      const before = postmasterPid(dataDir);
      const result = runVerifyEmbedded();
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.match(/ledger verified: no violations/);
      expect(postmasterPid(dataDir), 'the same PostgreSQL still runs').to.equal(before).and.not.equal(undefined);
      expect((await fetch(`http://127.0.0.1:${port}/v1/programmes/LBC`)).status).to.equal(200);
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exited).to.equal(0);
    }
  });

  it('when nothing runs on the data folder, then it starts PostgreSQL, checks, and stops what it started', () => {
    expect(postmasterPid(dataDir)).to.equal(undefined);
    const result = runVerifyEmbedded();
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/ledger verified: no violations/);
    expect(postmasterPid(dataDir)).to.equal(undefined);
  });
});

describe('verifyLedger() against tampering, one check at a time', function () {
  this.timeout(60_000);
  let scratch: Scratch;

  before(async () => {
    scratch = await scratchDatabase();
    await migrate(scratch.sequelize);
  });
  after(() => scratch.drop());

  /** The checks that name `id` as an offender: each tampering below should trip exactly one. */
  const checksNaming = async (id: string) =>
    (await verifyLedger(scratch.sequelize)).checks.filter((check) => check.violations.includes(id)).map((check) => check.name);

  /**
   * A balanced forged transaction moving `amount` between two fresh accounts, with the accounts'
   * balances kept equal to their entries and the given balances after, so only what a test means
   * to break is broken.
   */
  async function forgeTransfer(sql: Sql, move: { from: string; to: string; amount: number; fromAfter: number; toAfter: number }) {
    const [tx] = await sql<{ id: string }>(
      `INSERT INTO ledger_transactions (kind, business_date) VALUES ('forged', '2026-11-22') RETURNING id`,
    );
    const entries = await sql<{ id: string }>(
      `INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after) VALUES ($1, $2, 'HOUR', $3, $4), ($1, $5, 'HOUR', $6, $7) RETURNING id`,
      [tx!.id, move.from, -move.amount, move.fromAfter, move.to, move.amount, move.toAfter],
    );
    await sql(`UPDATE ledger_accounts SET balance = balance - $2 WHERE id = $1`, [move.from, move.amount]);
    await sql(`UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1`, [move.to, move.amount]);
    return { fromEntry: entries[0]!.id, toEntry: entries[1]!.id };
  }

  it("when an account's balance was set without entries, then the balance check names the account", async () => {
    const account = await openAccount(scratch.sequelize, false);
    await tamper(scratch.sequelize, (sql) => sql(`UPDATE ledger_accounts SET balance = 5 WHERE id = $1`, [account]));
    expect(await checksNaming(account)).to.deep.equal(["every account's balance equals the sum of its entries"]);
  });

  it("when an entry's balance after is wrong, then the running-balance check names the entry", async () => {
    const [source, account] = [await openAccount(scratch.sequelize, true), await openAccount(scratch.sequelize, false)];
    const forged = await tamper(scratch.sequelize, (sql) =>
      forgeTransfer(sql, { from: source, to: account, amount: 5, fromAfter: -5, toAfter: 7 }),
    );
    expect(await checksNaming(forged.toEntry)).to.deep.equal(["every entry's balance after equals the running sum of its account"]);
    expect(await checksNaming(forged.fromEntry)).to.deep.equal([]);
  });

  it('when a guarded account was driven below zero, then the below-zero check names it', async () => {
    const [guarded, sink] = [await openAccount(scratch.sequelize, false), await openAccount(scratch.sequelize, true)];
    await tamper(scratch.sequelize, async (sql) => {
      // A CHECK holds even in replica mode: this plays someone who dropped it, and puts it back
      // NOT VALID (guarding new rows, not the one tampered with).
      await sql(`ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_not_negative`);
      await forgeTransfer(sql, { from: guarded, to: sink, amount: 5, fromAfter: -5, toAfter: 5 });
      await sql(
        `ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_not_negative CHECK (may_go_negative OR balance - held >= 0) NOT VALID`,
      );
    });
    expect(await checksNaming(guarded)).to.deep.equal(['nothing is below zero that may not be (counting open holds)']);
    expect(await checksNaming(sink)).to.deep.equal([]);
  });

  it('when the held amount differs from the open holds, then the held check names the account', async () => {
    // May go negative, so only the held check (not the below-zero one) has something to say.
    const account = await openAccount(scratch.sequelize, true);
    await tamper(scratch.sequelize, (sql) => sql(`UPDATE ledger_accounts SET held = 3 WHERE id = $1`, [account]));
    expect(await checksNaming(account)).to.deep.equal(["every account's held amount equals its open holds"]);
  });
});

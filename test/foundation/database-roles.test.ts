// The service serves as an app role that cannot rewrite history, whatever SQL reaches it (a bug,
// an injection): each attack of the security review is tried here as that role and refused by
// the database. The records that settle money are also guarded against the schema's owner.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../server/db/database.js';
import { LEDGER_FUNCTIONS } from '../../server/db/database-roles.js';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { grantedAccount } from '../ledger/support/ledger-fixtures.js';

/** The database's refusal, or 'accepted'. Runs in a transaction rolled back either way. */
async function attempt(sequelize: Sequelize, ...statements: string[]): Promise<string> {
  const rolledBack = new Error('roll back');
  try {
    await sequelize.transaction(async (transaction) => {
      for (const statement of statements) await sequelize.query(statement, { transaction });
      throw rolledBack;
    });
  } catch (error) {
    if (error === rolledBack) return 'accepted';
    return String((error as { parent?: Error }).parent?.message ?? (error as Error).message);
  }
  return 'accepted';
}

/** An open statement of a fresh centre, written as the owner (a settlement run is not the point here). */
async function openStatement(): Promise<string> {
  const h = harness();
  const centre = await createCentre(h);
  const [run] = await queryRows<{ id: string }>(
    h.ownerSequelize,
    `INSERT INTO settlement_runs (programme_code, period_end) VALUES ('LBC', '2026-11-30') RETURNING id`,
  );
  const [statement] = await queryRows<{ id: string }>(
    h.ownerSequelize,
    `INSERT INTO statements (run_id, programme_code, centre_id, period_end, currency, total) VALUES ($1, 'LBC', $2, '2026-11-30', 'EUR', 100) RETURNING id`,
    [run!.id, centre.id],
  );
  return statement!.id;
}

describe('database roles: what the app role may do', () => {
  const app = () => harness().sequelize;

  it('when the app role is inspected, then it is no superuser, cannot bypass row security and owns no table', async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean; owns: string }>(
      app(),
      `SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).to.deep.equal({ rolsuper: false, rolbypassrls: false, owns: '0' });
  });

  it('when it truncates the audit log, then the database refuses', async () => {
    expect(await attempt(app(), `TRUNCATE audit_log`)).to.match(/permission denied for table audit_log/);
  });

  it("when it multiplies a statement's total, then the database refuses", async () => {
    const id = await openStatement();
    expect(await attempt(app(), `UPDATE statements SET total = total * 10 WHERE id = '${id}'`)).to.match(
      /permission denied for table statements/,
    );
  });

  it('when it makes a user an admin, then the database refuses', async () => {
    const citizen = await createActor(harness(), 'citizen');
    expect(await attempt(app(), `UPDATE users SET role = 'admin' WHERE id = '${citizen.principal.userId}'`)).to.match(
      /permission denied for table users/,
    );
  });

  it('when it switches triggers off to delete ledger entries, then it may do neither', async () => {
    const { account } = await grantedAccount(app(), '3.00');
    expect(await attempt(app(), `SET session_replication_role = replica`)).to.match(
      /permission denied to set parameter "session_replication_role"/,
    );
    expect(await attempt(app(), `DELETE FROM ledger_entries WHERE account_id = '${account}'`)).to.match(
      /permission denied for table ledger_entries/,
    );
  });

  it('when it sets a balance, or opens an account with one, then the database refuses: balances move only through the ledger', async () => {
    const { account } = await grantedAccount(app(), '3.00');
    expect(await attempt(app(), `UPDATE ledger_accounts SET balance = 1000000 WHERE id = '${account}'`)).to.match(
      /permission denied for table ledger_accounts/,
    );
    expect(
      await attempt(
        app(),
        `INSERT INTO ledger_accounts (owner_type, owner_id, unit, may_go_negative, balance) VALUES ('test', '${randomUUID()}', 'HOUR', false, 1000)`,
      ),
    ).to.match(/permission denied for table ledger_accounts/);
    const [balance] = await queryRows<{ balance: string }>(app(), `SELECT balance FROM ledger_accounts WHERE id = $1`, [account]);
    expect(balance?.balance).to.equal('3.00');
  });

  it('when it changes the schema (drop, create, alter), then the database refuses', async () => {
    expect(await attempt(app(), `DROP TABLE audit_log`)).to.match(/must be owner of table audit_log/);
    expect(await attempt(app(), `CREATE TABLE stolen (id int)`)).to.match(/permission denied for schema public/);
    expect(await attempt(app(), `ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`)).to.match(
      /must be owner of table ledger_entries/,
    );
    expect(
      await attempt(app(), `CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`),
    ).to.match(/permission denied for schema public/);
  });

  it('when it calls the ledger functions, then they run as their owner with a fixed search_path', async () => {
    const functions = await queryRows<{ name: string; definer: boolean; config: string[] | null }>(
      app(),
      `SELECT proname AS name, prosecdef AS definer, proconfig AS config FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname = ANY($1::text[])`,
      [[...LEDGER_FUNCTIONS]],
    );
    expect(new Set(functions.map((fn) => fn.name))).to.deep.equal(new Set(LEDGER_FUNCTIONS));
    for (const fn of functions) {
      expect(fn, fn.name).to.deep.include({ definer: true, config: ['search_path=pg_catalog, public, pg_temp'] });
    }
  });
});

describe('database roles: the tables of the hardening (approvals, identity links, tries, corrections)', () => {
  const app = () => harness().sequelize;
  const denied = (table: string) => new RegExp(`permission denied for table ${table}`);

  /** A pending budget funding of a fresh administrator, written as the owner. */
  async function pendingChange() {
    const requester = await createActor(harness(), 'admin');
    const [change] = await queryRows<{ id: string }>(
      harness().ownerSequelize,
      `INSERT INTO pending_changes (kind, target_id, payload, requested_by) VALUES ('budget_funding', 'LBC', '{"amount": "10.00"}', $1) RETURNING id`,
      [requester.principal.userId],
    );
    return { id: change!.id, requester };
  }

  it('when it deletes a pending change or rewrites what was requested, then the database refuses; deciding it is allowed', async () => {
    const { id, requester } = await pendingChange();
    const approver = await createActor(harness(), 'admin');
    expect(await attempt(app(), `DELETE FROM pending_changes WHERE id = '${id}'`)).to.match(denied('pending_changes'));
    expect(await attempt(app(), `UPDATE pending_changes SET payload = '{"amount": "9999999.00"}' WHERE id = '${id}'`)).to.match(
      denied('pending_changes'),
    );
    for (const column of ['kind', 'target_id', 'requested_by', 'requested_at', 'id']) {
      expect(await attempt(app(), `UPDATE pending_changes SET ${column} = ${column} WHERE id = '${id}'`), column).to.match(
        denied('pending_changes'),
      );
    }
    expect(
      await attempt(
        app(),
        `UPDATE pending_changes SET status = 'rejected', decided_by = '${approver.principal.userId}', decided_at = now(), reason = 'no' WHERE id = '${id}'`,
      ),
    ).to.equal('accepted');
    const [row] = await queryRows<{ payload: unknown; requested_by: string; status: string }>(
      app(),
      `SELECT payload, requested_by, status FROM pending_changes WHERE id = $1`,
      [id],
    );
    expect(row).to.deep.equal({ payload: { amount: '10.00' }, requested_by: requester.principal.userId, status: 'pending' });
  });

  it('when it inserts a change already approved, then the database refuses: a change is born pending', async () => {
    const requester = await createActor(harness(), 'admin');
    const approver = await createActor(harness(), 'admin');
    expect(
      await attempt(
        app(),
        `INSERT INTO pending_changes (kind, target_id, payload, requested_by, status, decided_by, decided_at, result)
         VALUES ('budget_funding', 'LBC', '{}', '${requester.principal.userId}', 'approved', '${approver.principal.userId}', now(), '{}')`,
      ),
    ).to.match(denied('pending_changes'));
  });

  it('when it moves an identity-provider link to another user or deletes one, then the database refuses', async () => {
    const owner = await createActor(harness(), 'citizen');
    const thief = await createActor(harness(), 'admin');
    const subject = randomUUID();
    await queryRows(
      harness().ownerSequelize,
      `INSERT INTO external_identities (issuer, subject, user_id) VALUES ('https://idp.example', $1, $2)`,
      [subject, owner.principal.userId],
    );
    const link = `issuer = 'https://idp.example' AND subject = '${subject}'`;
    expect(await attempt(app(), `UPDATE external_identities SET user_id = '${thief.principal.userId}' WHERE ${link}`)).to.match(
      denied('external_identities'),
    );
    expect(await attempt(app(), `UPDATE external_identities SET subject = 'other' WHERE ${link}`)).to.match(denied('external_identities'));
    expect(await attempt(app(), `DELETE FROM external_identities WHERE ${link}`)).to.match(denied('external_identities'));
    expect(
      await attempt(
        app(),
        `INSERT INTO external_identities (issuer, subject, user_id, linked_at) VALUES ('https://idp.example', '${randomUUID()}', '${owner.principal.userId}', now() - interval '1 year')`,
      ),
    ).to.match(denied('external_identities'));
  });

  it('when it renames the key of a try counter, then the database refuses; counting and forgetting are allowed', async () => {
    const centre = await createCentre(harness());
    const code = `LBC-${randomUUID().slice(0, 10)}`;
    expect(await attempt(app(), `UPDATE login_attempts SET key = 'someone-else' WHERE key = 'x'`)).to.match(denied('login_attempts'));
    expect(await attempt(app(), `UPDATE cheque_registration_tries SET code = 'LBC-0000000000' WHERE code = '${code}'`)).to.match(
      denied('cheque_registration_tries'),
    );
    expect(
      await attempt(app(), `UPDATE centre_registration_tries SET hour = hour - interval '1 hour' WHERE centre_id = '${centre.id}'`),
    ).to.match(denied('centre_registration_tries'));
    expect(
      await attempt(
        app(),
        `INSERT INTO cheque_registration_tries (code, tries, burst_started_at) VALUES ('${code}', 1, now())`,
        `UPDATE cheque_registration_tries SET tries = 2, notified_at = now() WHERE code = '${code}'`,
        `DELETE FROM cheque_registration_tries WHERE code = '${code}'`,
        `INSERT INTO centre_registration_tries (centre_id, hour, tries) VALUES ('${centre.id}', date_trunc('hour', now()), 1)`,
        `UPDATE centre_registration_tries SET tries = 0 WHERE centre_id = '${centre.id}'`,
        `DELETE FROM centre_registration_tries WHERE centre_id = '${centre.id}'`,
      ),
    ).to.equal('accepted');
  });

  it('when it changes or deletes a settlement correction, then the database refuses', async () => {
    expect(await attempt(app(), `UPDATE settlement_corrections SET amount = 0.01 WHERE id = '${randomUUID()}'`)).to.match(
      denied('settlement_corrections'),
    );
    expect(await attempt(app(), `DELETE FROM settlement_corrections WHERE id = '${randomUUID()}'`)).to.match(
      denied('settlement_corrections'),
    );
  });
});

describe('database roles: what no role may do to settled records', () => {
  const owner = () => harness().ownerSequelize;

  it('when a table that settles money is truncated, even by the owner, then the database refuses', async () => {
    for (const table of ['audit_log', 'decisions', 'statements', 'statement_lines', 'voucher_sessions']) {
      expect(await attempt(owner(), `TRUNCATE ${table} CASCADE`), table).to.match(/append-only: TRUNCATE refused/);
    }
  });

  it("when a statement's total changes, or a paid statement changes at all, or one is deleted, then the database refuses", async () => {
    const id = await openStatement();
    expect(await attempt(owner(), `UPDATE statements SET total = total * 10 WHERE id = '${id}'`)).to.match(
      /amounts and parties never change/,
    );
    expect(await attempt(owner(), `DELETE FROM statements WHERE id = '${id}'`)).to.match(/append-only: DELETE refused/);
    await queryRows(harness().sequelize, `UPDATE statements SET status = 'paid', paid_at = now() WHERE id = $1`, [id]);
    expect(await attempt(owner(), `UPDATE statements SET paid_at = now() - interval '1 day' WHERE id = '${id}'`)).to.match(
      /is paid and never changes/,
    );
  });
});

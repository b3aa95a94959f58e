// An upgrade of a database that already holds data: a database of its own is migrated to the
// state before the migrations of 2026-12-04 (up to 20261202-11), filled in that schema's shape
// (the seeders write today's schema, so the old rows are written here) with the two programmes of
// then, a citizen, a centre with a course, a claimed right, a cheque with a recorded session and
// a settled statement; then the remaining migrations and the function files are applied, and the
// seeders run over the upgraded data.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { migrate, pendingMigrations, seed } from '../../server/db/migrator.js';
import { formatReport, verifyLedger } from '../../server/ledger/ledger-verify.js';
import { testConfig } from '../support/harness.js';
import { migrateOnly } from './migrations-only.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

const BEFORE_TODAY = '20261202-11-ita-claim-statement.ts';

describe('upgrading a database that holds data', function () {
  this.timeout(120_000);
  let scratch: ScratchDatabase;
  before(async () => {
    scratch = await createScratchDatabase('upgrade');
  });
  after(() => scratch.drop());

  /** Posts `moves` (account id -> amount) as one ledger transaction with the ledger function of that schema. */
  const post = async (kind: string, moves: [string, string][]) => {
    const [row] = await queryRows<{ transaction_id: string }>(
      scratch.owner,
      `SELECT DISTINCT transaction_id FROM ledger_post($1, current_date, $2, 'hash', NULL, '{}', $3::uuid[], $4::numeric[])`,
      [kind, `upgrade-${kind}`, moves.map(([account]) => account), moves.map(([, amount]) => amount)],
    );
    return row!.transaction_id;
  };
  const account = async (ownerType: string, ownerId: string, unit: string, mayGoNegative: boolean) =>
    (
      await queryRows<{ id: string }>(scratch.owner, `SELECT ledger_open_account($1, $2, 'LBC', $3, $4) AS id`, [
        ownerType,
        ownerId,
        unit,
        mayGoNegative,
      ])
    )[0]!.id;
  const one = async <T>(sql: string, params: unknown[] = []) => (await queryRows<T>(scratch.owner, sql, params))[0]!;

  /** The programmes, a citizen and a centre with a course, as the schema of then held them. */
  async function oldReferenceData() {
    await queryRows(
      scratch.owner,
      `INSERT INTO programmes (code, name, unit, currency) VALUES ('LBC', 'Loopbaancheques', 'HOUR', 'EUR'), ('ITA', 'Individual Training Account', 'GBP', 'GBP')`,
    );
    const user = await one<{ id: string }>(
      `INSERT INTO users (email, name, role) VALUES ('upgrade@example.org', 'An Upgrade', 'citizen') RETURNING id`,
    );
    const citizen = await one<{ id: string }>(
      `INSERT INTO citizens (user_id, name, national_id, national_id_scheme) VALUES ($1, 'An Upgrade', '85073003328', 'BE_NRN') RETURNING id`,
      [user.id],
    );
    const centre = await one<{ id: string }>(
      `INSERT INTO centres (name, enterprise_number, email) VALUES ('Upgrade centre', '0403170701', 'centre@example.org') RETURNING id`,
    );
    await queryRows(
      scratch.owner,
      `INSERT INTO courses (centre_id, title, qualification, price, currency, status) VALUES ($1, 'Welding', 'SCQF level 6', 150, 'GBP', 'approved')`,
      [centre.id],
    );
    return { citizen, centre };
  }

  /** A claimed right of 7 hours, a paid cheque of 4 hours in use at a centre, a session of 1 hour, an open statement. */
  async function fillTheOldSchema() {
    const { citizen, centre } = await oldReferenceData();
    const entitlement = await one<{ id: string }>(
      `INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end) VALUES ($1, 'LBC', current_date, current_date + 2190) RETURNING id`,
      [citizen.id],
    );
    const pool = await account('programme_hours', 'LBC', 'HOUR', true);
    const right = await account('entitlement', entitlement.id, 'HOUR', false);
    await post('grant', [
      [pool, '-7.00'],
      [right, '7.00'],
    ]);
    const voucherId = '00000000-0000-4000-8000-00000000c0de';
    const cheque = await account('voucher', voucherId, 'HOUR', false);
    const reserve = await post('voucher_reserve', [
      [right, '-4.00'],
      [cheque, '4.00'],
    ]);
    await queryRows(
      scratch.owner,
      `INSERT INTO vouchers (id, code, client_number, entitlement_id, citizen_id, programme_code, sequence, hours, status, co_payment_amount,
         co_payment_currency, co_payment_status, paid_at, due_by, issued_on, valid_until, centre_id, registered_at, account_id, reserve_transaction_id)
       VALUES ($1, 'LBC-UPGRADE-0001', '12345678', $2, $3, 'LBC', 1, 4, 'in_use', 40, 'EUR', 'paid', now(), current_date + 14, current_date,
         current_date + 180, $4, now(), $5, $6)`,
      [voucherId, entitlement.id, citizen.id, centre.id, cheque, reserve],
    );
    const centreHours = await account('centre_hours', centre.id, 'HOUR', false);
    const session = await post('voucher_session', [
      [cheque, '-1.00'],
      [centreHours, '1.00'],
    ]);
    await queryRows(
      scratch.owner,
      `INSERT INTO voucher_sessions (id, voucher_id, centre_id, session_date, hours, counsellor, kind, ledger_transaction_id)
       VALUES ('00000000-0000-4000-8000-000000005e55', $1, $2, current_date, 1, 'An Peeters', 'guidance', $3)`,
      [voucherId, centre.id, session],
    );
    const run = await one<{ id: string }>(
      `INSERT INTO settlement_runs (programme_code, period_end) VALUES ('LBC', current_date) RETURNING id`,
    );
    const statement = await one<{ id: string }>(
      `INSERT INTO statements (run_id, programme_code, centre_id, period_end, currency, total) VALUES ($1, 'LBC', $2, current_date, 'EUR', 83.00) RETURNING id`,
      [run.id, centre.id],
    );
    await queryRows(
      scratch.owner,
      `INSERT INTO statement_lines (statement_id, source_type, source_id, sign, service_date, hours, rate, amount, description)
       VALUES ($1, 'voucher_session', '00000000-0000-4000-8000-000000005e55', 1, current_date, 1, 83, 83.00, 'Guidance session')`,
      [statement.id],
    );
  }

  const held = () =>
    queryRows(
      scratch.owner,
      `SELECT (SELECT count(*) FROM entitlements)::int AS entitlements, (SELECT count(*) FROM vouchers)::int AS vouchers,
              (SELECT count(*) FROM voucher_sessions)::int AS sessions, (SELECT count(*) FROM statements)::int AS statements,
              (SELECT count(*) FROM statement_lines)::int AS lines, (SELECT count(*) FROM ledger_entries)::int AS entries,
              (SELECT json_object_agg(id, balance::text ORDER BY id) FROM ledger_accounts) AS balances`,
    );

  it('when the later migrations are applied to it, then each succeeds, the data is all there and the ledger verifies', async () => {
    const applied = await migrateOnly(scratch.owner, BEFORE_TODAY);
    expect(applied.at(-1)).to.equal(BEFORE_TODAY);
    await fillTheOldSchema();
    const before = await held();
    expect(before[0]).to.include({ entitlements: 1, vouchers: 1, sessions: 1, statements: 1, lines: 1 });

    const upgraded = await migrate(scratch.owner);
    expect(upgraded.filter((name) => name.endsWith('.ts'))).to.include.members([
      '20261204-12-identity.ts',
      '20261204-18-places-target-exact.ts',
    ]);
    expect(await pendingMigrations(scratch.owner)).to.deep.equal([]);
    expect(await held()).to.deep.equal(before);
    // Programmes got their kind from what they hold; the course belongs to the course-grant programme.
    expect(await queryRows(scratch.owner, `SELECT code, kind, name_en, name_nl FROM programmes ORDER BY code`)).to.deep.equal([
      { code: 'ITA', kind: 'course_grant', name_en: 'Individual Training Account', name_nl: 'Individual Training Account' },
      { code: 'LBC', kind: 'hours_voucher', name_en: 'Loopbaancheques', name_nl: 'Loopbaancheques' },
    ]);
    expect(await queryRows(scratch.owner, `SELECT programme_code, tags FROM courses`)).to.deep.equal([{ programme_code: 'ITA', tags: [] }]);
    await seed(scratch.owner, testConfig(), { demo: true }); // over the upgraded data: rule sets, staff, centres, citizens, budgets
    // The demo adds its own citizens' rights and cheques; the cheque that was there is left as it was.
    expect(
      await queryRows(
        scratch.owner,
        `SELECT v.status, v.hours::text AS hours, v.entitlement_id IS NOT NULL AS has_right,
                (SELECT count(*) FROM voucher_sessions s WHERE s.voucher_id = v.id)::int AS sessions
           FROM vouchers v WHERE v.code = 'LBC-UPGRADE-0001'`,
      ),
    ).to.deep.equal([{ status: 'in_use', hours: '4.00', has_right: true, sessions: 1 }]);
    const report = await verifyLedger(scratch.owner);
    expect(report.ok, formatReport(report)).to.equal(true);
  });
});

// Privileges as code. The service serves requests as an app role that holds only what the flows
// need, so a bug or an injected statement cannot rewrite history: no TRUNCATE, no DDL, no UPDATE or
// DELETE of the append-only tables, no UPDATE of balances (they move only through the ledger's
// functions, which run as their owner) and no change of a user's role. Applied after the
// migrations on every start, in one transaction, as the owner: a table a later migration adds
// gets the default below at once, and a function a migration re-creates gets its attributes back.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from './database.js';

type Columns = readonly string[] | { except: readonly string[] };
type TableGrant = { insert?: true | readonly string[]; update?: true | Columns; delete?: true };

/** Tables not listed get SELECT, INSERT, UPDATE and DELETE; every table gets SELECT; none gets TRUNCATE. */
const DEFAULT: TableGrant = { insert: true, update: true, delete: true };
const APPEND_ONLY: TableGrant = { insert: true };
const READ_ONLY: TableGrant = {};

export const TABLE_GRANTS: Readonly<Record<string, TableGrant>> = {
  schema_migrations: READ_ONLY,
  audit_log: APPEND_ONLY,
  decisions: APPEND_ONLY,
  ledger_transactions: APPEND_ONLY,
  ledger_entries: APPEND_ONLY,
  statement_lines: APPEND_ONLY,
  settlement_corrections: APPEND_ONLY,
  // A top-up is recorded once with the money it received; its balance is the ledger's.
  account_top_ups: APPEND_ONLY,
  // An account is opened at zero; balance and held move only inside the ledger's functions.
  ledger_accounts: { insert: ['owner_type', 'owner_id', 'programme_code', 'unit', 'may_go_negative'] },
  ledger_holds: READ_ONLY,
  voucher_sessions: { insert: true, update: ['status', 'reversal_transaction_id', 'reversed_at'] },
  // Settling and paying a statement; its total and parties never change (a trigger guards it too).
  statements: { insert: true, update: ['status', 'settle_transaction_id', 'pay_transaction_id', 'paid_at', 'paid_by'] },
  // A user's role and centre are what every permission rests on: the app never changes them.
  users: { insert: true, update: { except: ['id', 'role', 'centre_id', 'created_at'] } },
  // Four eyes: a change is requested as pending (never decided at birth), then decided once; what
  // was requested (kind, target, payload, requester) never changes and no change disappears.
  pending_changes: {
    insert: ['kind', 'target_id', 'payload', 'requested_by', 'requested_at'],
    update: ['status', 'decided_by', 'decided_at', 'reason', 'result'],
  },
  // A link is made once and kept: moving it to another user would hand them the provider's login.
  external_identities: { insert: ['issuer', 'subject', 'user_id', 'email'] },
  // Counters: counted, given back, and forgotten (deleted) when they no longer decide anything.
  login_attempts: { insert: true, update: ['tries', 'last_try_at', 'next_try_at'], delete: true },
  cheque_registration_tries: { insert: true, update: ['tries', 'burst_started_at', 'locked_until', 'notified_at'], delete: true },
  centre_registration_tries: { insert: true, update: ['tries'], delete: true },
  // Portal sessions: written on each request, ended at sign-out and pruned once expired.
  portal_sessions: { insert: true, update: ['sess', 'expire'], delete: true },
  // An e-mail is queued once, as its notification says, and never deleted: only its delivery moves.
  email_outbox: {
    insert: ['notification_id', 'user_id', 'recipient', 'language', 'subject', 'body'],
    update: ['status', 'attempts', 'next_attempt_at', 'last_error', 'sent_at'],
  },
  // A lot granted and what each application drew from it are records of what happened: the money is the ledger's.
  credit_lot_grants: APPEND_ONLY,
  credit_lot_draws: APPEND_ONLY,
  notification_preferences: { insert: ['user_id', 'language'], update: ['language', 'updated_at'] },
  // Application windows: a first-come grant counts up what its window allocated; a lottery entry
  // is written once and given its outcome by the draw (and its notification time); a draw is
  // recorded once with its seed, then given its totals.
  application_windows: { insert: true, update: ['budget', 'allocated'] },
  window_entries: { insert: true, update: ['status', 'draw_rank', 'refusal', 'application_id', 'notified_at'] },
  window_draws: { insert: true, update: ['fundable', 'funded_total', 'entries', 'winners'] },
  // A contest is sent once and answered once; its evidence is what the answer rests on.
  contests: { insert: true, update: ['status', 'answer', 'answered_by', 'answered_at'] },
  contest_evidence: APPEND_ONLY,
  // What a user did, kept as it happened: a sign-in, and reading a notification. A sign-in is
  // deleted (never changed) once SIGN_IN_RETENTION_DAYS old, by the purge job.
  sign_ins: { insert: true, delete: true },
  notification_reads: APPEND_ONLY,
  // A SEPA file is made once with what it asks the bank to pay: downloading it again gives the same file.
  payment_files: APPEND_ONLY,
  payment_file_items: APPEND_ONLY,
  // Bank accounts are replaced (upsert), never deleted: a statement's file keeps its own copy.
  centre_bank_accounts: { insert: true, update: ['iban', 'bic', 'updated_by', 'updated_at'] },
  programme_debtor_accounts: { insert: true, update: ['name', 'iban', 'bic', 'updated_by', 'updated_at'] },
  // A signal's case is opened once with the rows behind it and closed once with a reason; a detection run is a record.
  signal_cases: { insert: true, update: ['status', 'closed_at', 'closed_by', 'close_reason'] },
  signal_detections: APPEND_ONLY,
  // An assisted session is started once with the citizen's consent, and only ever ended.
  assisted_sessions: { insert: true, update: ['ended_at'] },
};

/**
 * The functions that move value or lock balances: they run as their owner (SECURITY DEFINER) with
 * a fixed search_path, so the app role calls them without holding UPDATE on the ledger's tables.
 */
export const LEDGER_FUNCTIONS = [
  'ledger_post',
  'ledger_reverse',
  'ledger_place_hold',
  'ledger_capture_hold',
  'ledger_release_hold',
  'ledger_expire_holds',
  'programme_budget_gather',
  'programme_budget_draw',
] as const;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Refuses an app role that could undo every grant: a superuser, BYPASSRLS, or the tables' owner. */
export async function checkAppRole(sequelize: Sequelize, role: string): Promise<void> {
  const [row] = await queryRows<{ superuser: boolean; bypass: boolean; owns: boolean }>(
    sequelize,
    `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_has_role($1, c.relowner, 'USAGE')) AS owns
     FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (!row) throw new Error(`the app role ${role} does not exist`);
  const problems = [
    row.superuser && 'is a superuser',
    row.bypass && 'has BYPASSRLS',
    row.owns && 'owns (or is a member of the owner of) the tables',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`the app role ${role} ${problems.join(', ')}: serve with a role that holds only the grants (README: database roles)`);
}

/** Grants `appRole` exactly what TABLE_GRANTS says, on every table in the public schema. */
export async function applyDatabaseRoles(owner: Sequelize, appRole: string): Promise<void> {
  await owner.transaction(async (transaction) => {
    const sql = (text: string) => owner.query(text, { transaction });
    const app = ident(appRole);
    const [database] = await queryRows<{ name: string }>(owner, `SELECT current_database() AS name`, [], { transaction });
    await sql(
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO ${app}; GRANT CONNECT ON DATABASE ${ident(database!.name)} TO ${app}`,
    );
    for (const table of await tablesWithColumns(owner, transaction)) {
      await sql(grantsOf(table.name, table.columns, app));
    }
    await sql(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await markLedgerFunctions(owner, transaction, app);
  });
}

async function tablesWithColumns(owner: Sequelize, transaction: Transaction) {
  return queryRows<{ name: string; columns: string[] }>(
    owner,
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') GROUP BY c.relname ORDER BY c.relname`,
    [],
    { transaction },
  );
}

/** REVOKE everything (table- and column-level) and GRANT the table's entry afresh. */
function grantsOf(table: string, columns: string[], app: string): string {
  const grant = TABLE_GRANTS[table] ?? DEFAULT;
  const on = ident(table);
  const list = (names: readonly string[]) =>
    names
      .filter((name) => columns.includes(name))
      .map(ident)
      .join(', ');
  const statements = [
    `REVOKE ALL ON ${on} FROM ${app}`,
    `REVOKE ALL (${list(columns)}) ON ${on} FROM ${app}`,
    `GRANT SELECT ON ${on} TO ${app}`,
  ];
  const columnGrant = (privilege: string, spec: true | Columns) => {
    if (spec === true) return `GRANT ${privilege} ON ${on} TO ${app}`;
    const names = 'except' in spec ? columns.filter((name) => !spec.except.includes(name)) : spec;
    return list(names) ? `GRANT ${privilege} (${list(names)}) ON ${on} TO ${app}` : undefined;
  };
  if (grant.insert) statements.push(columnGrant('INSERT', grant.insert) ?? '');
  if (grant.update) statements.push(columnGrant('UPDATE', grant.update) ?? '');
  if (grant.delete) statements.push(`GRANT DELETE ON ${on} TO ${app}`);
  return statements.filter(Boolean).join(';\n');
}

/**
 * Migrations CREATE OR REPLACE some of these functions, which resets SECURITY DEFINER and the
 * search_path: setting them here, after every migration run, keeps them right. pg_temp comes last
 * so a temporary table cannot stand in for a ledger table inside the owner's rights.
 */
async function markLedgerFunctions(owner: Sequelize, transaction: Transaction, app: string) {
  const found = await queryRows<{ name: string; signature: string }>(
    owner,
    `SELECT p.proname AS name, p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.proname = ANY($1::text[])`,
    [[...LEDGER_FUNCTIONS]],
    { transaction },
  );
  const missing = LEDGER_FUNCTIONS.filter((name) => !found.some((row) => row.name === name));
  if (missing.length > 0) throw new Error(`database roles: no function ${missing.join(', ')} (renamed? update LEDGER_FUNCTIONS)`);
  for (const { signature } of found) {
    await owner.query(
      `ALTER FUNCTION ${signature} SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;
       REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${signature} TO ${app}`,
      { transaction },
    );
  }
}

// The ledger's store: every statement the ledger runs, and how it reaches the database. The
// writes are calls of the ledger's database functions (server/db/functions/ledger_*.sql), one
// statement each. Inside a caller's transaction the statement simply joins it (flows combine a
// posting with their own state change atomically). Without one, the statement runs on its own:
// each is a single statement, so autocommit makes it atomic in one round trip, and a lost
// deadlock or serialisation check is retried.
// A refusal raised inside the caller's transaction aborts that transaction (or the savepoint the
// router opened around the handler): callers that want to go on after a refusal need a savepoint.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { withRetry } from '../db/retry.js';
import type { LedgerUnit } from './ledger-accounts.js';
import { toLedgerError } from './ledger-errors.js';

async function ledgerQuery<Row>(sequelize: Sequelize, transaction: Transaction | undefined, sql: string, bind: unknown[]): Promise<Row[]> {
  try {
    if (transaction) return await queryRows<Row>(sequelize, sql, bind, { transaction });
    return await withRetry(() => queryRows<Row>(sequelize, sql, bind));
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type AccountRow = {
  id: string;
  owner_type: string;
  owner_id: string;
  programme_code: string | null;
  unit: LedgerUnit;
  may_go_negative: boolean;
  balance: string;
  held: string;
  created_at: Date;
};

/** `settled`: committed (a row this transaction wrote may still roll back). */
export type OpenedRow = { id: string; may_go_negative: boolean; settled: boolean };

/**
 * The account of the owner in the unit, inserted when there is none; undefined when a concurrent
 * first use won the insert (ask again: its row is committed now).
 */
export async function openAccountRow(
  sequelize: Sequelize,
  spec: { ownerType: string; ownerId: string; unit: string; programmeCode: string | null; mayGoNegative: boolean },
  transaction?: Transaction,
): Promise<OpenedRow | undefined> {
  // A row visible here that this transaction did not write (its created_at is not this
  // transaction's now()) is committed.
  const [row] = await ledgerQuery<OpenedRow>(
    sequelize,
    transaction,
    `WITH found AS (SELECT id, may_go_negative, created_at <> now() AS settled FROM ledger_accounts WHERE owner_type = $1 AND owner_id = $2 AND unit = $3),
    made AS (
      INSERT INTO ledger_accounts (owner_type, owner_id, unit, programme_code, may_go_negative)
      SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM found)
      ON CONFLICT (owner_type, owner_id, unit) DO NOTHING RETURNING id, may_go_negative, false AS settled)
    SELECT id, may_go_negative, settled FROM found UNION ALL SELECT id, may_go_negative, settled FROM made`,
    [spec.ownerType, spec.ownerId, spec.unit, spec.programmeCode, spec.mayGoNegative],
  );
  return row;
}

export async function accountIdOf(
  sequelize: Sequelize,
  owner: { ownerType: string; ownerId: string; unit: string },
  transaction?: Transaction,
): Promise<string | undefined> {
  const [row] = await ledgerQuery<{ id: string }>(
    sequelize,
    transaction,
    `SELECT id FROM ledger_accounts WHERE owner_type = $1 AND owner_id = $2 AND unit = $3`,
    [owner.ownerType, owner.ownerId, owner.unit],
  );
  return row?.id;
}

export async function accountRow(sequelize: Sequelize, accountId: string, transaction?: Transaction): Promise<AccountRow | undefined> {
  const [row] = await ledgerQuery<AccountRow>(sequelize, transaction, `SELECT * FROM ledger_accounts WHERE id = $1`, [accountId]);
  return row;
}

/** Summed balance and held of the accounts (null when none exists). */
export async function accountTotals(
  sequelize: Sequelize,
  accountIds: string[],
  transaction?: Transaction,
): Promise<{ balance: string | null; held: string | null } | undefined> {
  const [row] = await ledgerQuery<{ balance: string | null; held: string | null }>(
    sequelize,
    transaction,
    `SELECT sum(balance) AS balance, sum(held) AS held FROM ledger_accounts WHERE id = ANY($1::uuid[])`,
    [accountIds],
  );
  return row;
}

/** The entries of one transaction as ledger_post, ledger_reverse and ledger_capture_hold return them. */
export type PostedRow = {
  transaction_id: string;
  replayed: boolean;
  created_at: Date;
  account_id: string;
  amount: string;
  balance_after: string;
};

export function postRows(
  sequelize: Sequelize,
  posting: {
    kind: string;
    businessDate: string;
    key: string | null;
    hash: string | null;
    metadata: string;
    accounts: string[];
    amounts: string[];
  },
  transaction?: Transaction,
): Promise<PostedRow[]> {
  return ledgerQuery<PostedRow>(
    sequelize,
    transaction,
    `SELECT * FROM ledger_post($1, $2, $3, $4, NULL, $5::jsonb, $6::uuid[], $7::numeric[])`,
    [posting.kind, posting.businessDate, posting.key, posting.hash, posting.metadata, posting.accounts, posting.amounts],
  );
}

export function reverseRows(
  sequelize: Sequelize,
  reversal: { transactionId: string; businessDate: string; key: string | null; hash: string | null; metadata: string },
  transaction?: Transaction,
): Promise<PostedRow[]> {
  return ledgerQuery<PostedRow>(sequelize, transaction, `SELECT * FROM ledger_reverse($1, $2, $3, $4, $5::jsonb)`, [
    reversal.transactionId,
    reversal.businessDate,
    reversal.key,
    reversal.hash,
    reversal.metadata,
  ]);
}

export type HoldState = 'open' | 'captured' | 'released' | 'expired';
export type HoldRow = { hold_id: string; replayed: boolean; account_id: string; amount: string; status: HoldState; expires_at: Date };

export async function placeHoldRow(
  sequelize: Sequelize,
  hold: { accountId: string; amount: string; expiresAt: string; key: string | null; hash: string | null; metadata: string },
  transaction?: Transaction,
): Promise<HoldRow | undefined> {
  const [row] = await ledgerQuery<HoldRow>(sequelize, transaction, `SELECT * FROM ledger_place_hold($1, $2, $3, $4, $5, $6::jsonb)`, [
    hold.accountId,
    hold.amount,
    hold.expiresAt,
    hold.key,
    hold.hash,
    hold.metadata,
  ]);
  return row;
}

export function captureHoldRows(
  sequelize: Sequelize,
  capture: {
    holdId: string;
    amount: string;
    toAccountId: string;
    kind: string;
    businessDate: string;
    key: string | null;
    hash: string | null;
    metadata: string;
    now: string;
  },
  transaction?: Transaction,
): Promise<PostedRow[]> {
  return ledgerQuery<PostedRow>(sequelize, transaction, `SELECT * FROM ledger_capture_hold($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`, [
    capture.holdId,
    capture.amount,
    capture.toAccountId,
    capture.kind,
    capture.businessDate,
    capture.key,
    capture.hash,
    capture.metadata,
    capture.now,
  ]);
}

export async function releaseHoldRow(
  sequelize: Sequelize,
  holdId: string,
  transaction?: Transaction,
): Promise<{ hold_id: string; account_id: string; amount: string; status: HoldState } | undefined> {
  const [row] = await ledgerQuery<{ hold_id: string; account_id: string; amount: string; status: HoldState }>(
    sequelize,
    transaction,
    `SELECT * FROM ledger_release_hold($1, 'released')`,
    [holdId],
  );
  return row;
}

/** The ids of the open holds due at `now` it expired, at most `limit`; holds locked elsewhere are skipped. */
export async function expireHoldRows(sequelize: Sequelize, now: string, limit: number, transaction?: Transaction): Promise<string[]> {
  const rows = await ledgerQuery<{ hold_id: string }>(sequelize, transaction, `SELECT * FROM ledger_expire_holds($1, $2)`, [now, limit]);
  return rows.map((row) => row.hold_id);
}

export async function holdRow(
  sequelize: Sequelize,
  holdId: string,
  transaction?: Transaction,
): Promise<{ status: HoldState; amount: string; captured: string; account_id: string; expires_at: Date } | undefined> {
  const [row] = await ledgerQuery<{ status: HoldState; amount: string; captured: string; account_id: string; expires_at: Date }>(
    sequelize,
    transaction,
    `SELECT status, amount, captured, account_id, expires_at FROM ledger_holds WHERE id = $1`,
    [holdId],
  );
  return row;
}

export type EntryRow = {
  id: string;
  account_id: string;
  transaction_id: string;
  kind: string;
  reverses_id: string | null;
  reversed_kind: string | null;
  business_date: string;
  created_at: Date;
  amount: string;
  balance_after: string;
  metadata: Record<string, unknown>;
};

/** Entries of the accounts with their transaction, newest first, below entry id `beforeId` when given. */
export function entryRows(
  sequelize: Sequelize,
  accountIds: string[],
  page: { beforeId: string | null; limit: number },
  transaction?: Transaction,
): Promise<EntryRow[]> {
  return ledgerQuery<EntryRow>(
    sequelize,
    transaction,
    `SELECT e.id, e.account_id, e.transaction_id, t.kind, t.reverses_id, o.kind AS reversed_kind, t.business_date, t.created_at,
            e.amount, e.balance_after, t.metadata
     FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
     WHERE e.account_id = ANY($1::uuid[]) AND ($2::bigint IS NULL OR e.id < $2)
     ORDER BY e.id DESC LIMIT $3`,
    [accountIds, page.beforeId, page.limit],
  );
}

/** Net movement of the accounts per kind, reversals counted under the kind they reverse. */
export function movementRows(
  sequelize: Sequelize,
  accountIds: string[],
  transaction?: Transaction,
): Promise<{ kind: string; total: string }[]> {
  return ledgerQuery<{ kind: string; total: string }>(
    sequelize,
    transaction,
    `SELECT coalesce(o.kind, t.kind) AS kind, sum(e.amount) AS total
     FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
     WHERE e.account_id = ANY($1::uuid[]) GROUP BY 1`,
    [accountIds],
  );
}

export type TransactionEntryRow = {
  transaction_id: string;
  kind: string;
  reverses_id: string | null;
  business_date: string;
  created_at: Date;
  metadata: Record<string, unknown>;
  entry_id: string;
  account_id: string;
  owner_type: string;
  owner_id: string;
  unit: LedgerUnit;
  amount: string;
  balance_after: string;
};

/** The transactions named by id or by idempotency key, each entry a row with its account's owner, in the order they were posted. */
export function transactionEntryRows(
  sequelize: Sequelize,
  named: { ids: readonly string[]; idempotencyKeys: readonly string[] },
): Promise<TransactionEntryRow[]> {
  return ledgerQuery<TransactionEntryRow>(
    sequelize,
    undefined,
    `SELECT t.id AS transaction_id, t.kind, t.reverses_id, t.business_date, t.created_at, t.metadata,
            e.id AS entry_id, e.account_id, a.owner_type, a.owner_id, e.unit, e.amount, e.balance_after
     FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id
     WHERE t.id = ANY($1::uuid[]) OR t.idempotency_key = ANY($2::text[])
     -- Transactions of one database transaction share created_at: their entries' ids tell the order they were posted in.
     ORDER BY t.created_at, min(e.id) OVER (PARTITION BY t.id), e.id`,
    [named.ids, named.idempotencyKeys],
  );
}

// Value moves as balanced transactions: postTransaction for every flow (grant, redeem, fund,
// expire, settle ...), reverseTransaction for corrections. Each is one call of a SQL function
// (one round trip) that claims the idempotency key, locks the accounts in id order with one
// conditional update each, and writes the transaction and its entries.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { RuleViolation } from '../errors.js';
import { postRows, reverseRows, type PostedRow } from './ledger-store.js';
import { requestHash } from './request-hash.js';

export type PostingEntry = { accountId: string; amount: Decimal };

export type Posting = {
  /** What the transaction is: 'fund', 'grant', 'redeem', 'capture', 'expire', 'settle' ... (lower case). */
  kind: string;
  /** The service date it belongs to ('YYYY-MM-DD', from app.clock.today()). */
  businessDate: string;
  /**
   * Unique across the whole ledger: namespace it (e.g. `voucher-session:${sessionId}`). A seen key
   * with the same request answers the first transaction (replayed: true); with another request
   * it is refused (422 idempotency_key_reused). The business date is not part of the request,
   * so a retry after midnight still replays.
   */
  idempotencyKey?: string;
  metadata?: Record<string, unknown>;
  /** Signed amounts, summing to zero per unit; several entries on one account are merged. */
  entries: PostingEntry[];
};

export type PostedEntry = { accountId: string; amount: Decimal; balanceAfter: Decimal };
export type PostedTransaction = { transactionId: string; replayed: boolean; createdAt: Date; entries: PostedEntry[] };

export function toPosted(rows: PostedRow[]): PostedTransaction {
  const first = rows[0];
  if (!first) throw new Error('the ledger returned no entries for a posting');
  return {
    transactionId: first.transaction_id,
    replayed: first.replayed,
    createdAt: first.created_at,
    entries: rows.map((row) => ({
      accountId: row.account_id,
      amount: new Decimal(row.amount),
      balanceAfter: new Decimal(row.balance_after),
    })),
  };
}

/** An amount as exact text for SQL; more than 2 decimals is refused, never rounded. */
export function amountText(amount: Decimal): string {
  if (!amount.isFinite() || amount.decimalPlaces() > 2) {
    throw new RuleViolation('invalid_posting', 'Amounts have at most 2 decimals.');
  }
  return amount.toFixed(2);
}

/** Posts a balanced transaction; 422 insufficient_balance when an account may not go that low. */
export async function postTransaction(sequelize: Sequelize, posting: Posting, transaction?: Transaction): Promise<PostedTransaction> {
  const entries = posting.entries.map((entry) => ({ accountId: entry.accountId, amount: amountText(entry.amount) }));
  const metadata = posting.metadata ?? {};
  const hash =
    posting.idempotencyKey === undefined ? null : requestHash({ op: 'post', kind: posting.kind, entries: sortEntries(entries), metadata });
  const rows = await postRows(
    sequelize,
    {
      kind: posting.kind,
      businessDate: posting.businessDate,
      key: posting.idempotencyKey ?? null,
      hash,
      metadata: JSON.stringify(metadata),
      accounts: entries.map((entry) => entry.accountId),
      amounts: entries.map((entry) => entry.amount),
    },
    transaction,
  );
  return toPosted(rows);
}

const sortEntries = (entries: { accountId: string; amount: string }[]) =>
  [...entries].sort((a, b) => (a.accountId + a.amount < b.accountId + b.amount ? -1 : 1));

/**
 * A correction: a new 'reversal' transaction with the exact opposite entries, linked to the
 * original. An original is reversed once (409 already_reversed); a reversal is not reversible.
 * It can be refused for insufficient balance, e.g. reversing a grant that was already spent.
 */
export async function reverseTransaction(
  sequelize: Sequelize,
  reversal: { transactionId: string; reason: string; businessDate: string; idempotencyKey?: string; metadata?: Record<string, unknown> },
  transaction?: Transaction,
): Promise<PostedTransaction> {
  const metadata = { ...(reversal.metadata ?? {}), reason: reversal.reason };
  const hash =
    reversal.idempotencyKey === undefined ? null : requestHash({ op: 'reverse', transactionId: reversal.transactionId, metadata });
  const rows = await reverseRows(
    sequelize,
    {
      transactionId: reversal.transactionId,
      businessDate: reversal.businessDate,
      key: reversal.idempotencyKey ?? null,
      hash,
      metadata: JSON.stringify(metadata),
    },
    transaction,
  );
  return toPosted(rows);
}

// Holds set part of an account's balance aside for a pending use (an ITA application, a planned
// session): available = balance - open holds. A hold resolves once: captured (all or part moves
// to another account in one transaction, the rest is freed), released, or expired at its
// deadline. Resolving it twice answers 409 hold_resolved; racing resolutions leave one winner.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { ledgerQuery } from './ledger-run.js';
import { amountText, toPosted, type PostedRow, type PostedTransaction } from './ledger-postings.js';
import { requestHash } from './request-hash.js';

export type HoldStatus = 'open' | 'captured' | 'released' | 'expired';
export type PlacedHold = { holdId: string; replayed: boolean; accountId: string; amount: Decimal; status: HoldStatus; expiresAt: Date };

type HoldRow = { hold_id: string; replayed: boolean; account_id: string; amount: string; status: HoldStatus; expires_at: Date };

/** Reserves `amount` of the account until `expiresAt`; 422 insufficient_balance past what is available. */
export async function placeHold(
  sequelize: Sequelize,
  hold: { accountId: string; amount: Decimal; expiresAt: Date; idempotencyKey?: string; metadata?: Record<string, unknown> },
  transaction?: Transaction,
): Promise<PlacedHold> {
  const amount = amountText(hold.amount);
  const metadata = hold.metadata ?? {};
  const hash =
    hold.idempotencyKey === undefined
      ? null
      : requestHash({ op: 'hold', accountId: hold.accountId, amount, expiresAt: hold.expiresAt.toISOString(), metadata });
  const [row] = await ledgerQuery<HoldRow>(sequelize, transaction, `SELECT * FROM ledger_place_hold($1, $2, $3, $4, $5, $6::jsonb)`, [
    hold.accountId,
    amount,
    hold.expiresAt.toISOString(),
    hold.idempotencyKey ?? null,
    hash,
    JSON.stringify(metadata),
  ]);
  if (!row) throw new Error('the ledger returned no hold');
  return {
    holdId: row.hold_id,
    replayed: row.replayed,
    accountId: row.account_id,
    amount: new Decimal(row.amount),
    status: row.status,
    expiresAt: row.expires_at,
  };
}

/**
 * Moves `amount` (more than zero, at most the hold) from the held account to `toAccountId` as one
 * transaction of `kind` (default 'capture') and frees the rest of the hold. `now` is the service
 * clock's: a hold whose deadline has passed by then is refused (409 hold_expired).
 */
export async function captureHold(
  sequelize: Sequelize,
  capture: {
    holdId: string;
    amount: Decimal;
    toAccountId: string;
    businessDate: string;
    now: Date;
    kind?: string;
    idempotencyKey?: string;
    metadata?: Record<string, unknown>;
  },
  transaction?: Transaction,
): Promise<PostedTransaction> {
  const amount = amountText(capture.amount);
  const kind = capture.kind ?? 'capture';
  const metadata = { ...(capture.metadata ?? {}), holdId: capture.holdId };
  const hash =
    capture.idempotencyKey === undefined
      ? null
      : requestHash({ op: 'capture', kind, holdId: capture.holdId, amount, to: capture.toAccountId, metadata });
  const rows = await ledgerQuery<PostedRow>(
    sequelize,
    transaction,
    `SELECT * FROM ledger_capture_hold($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [
      capture.holdId,
      amount,
      capture.toAccountId,
      kind,
      capture.businessDate,
      capture.idempotencyKey ?? null,
      hash,
      JSON.stringify(metadata),
      capture.now.toISOString(),
    ],
  );
  return toPosted(rows);
}

/** Frees the whole hold; 409 hold_resolved when it was already captured, released or expired. */
export async function releaseHold(sequelize: Sequelize, holdId: string, transaction?: Transaction) {
  const [row] = await ledgerQuery<{ hold_id: string; account_id: string; amount: string; status: HoldStatus }>(
    sequelize,
    transaction,
    `SELECT * FROM ledger_release_hold($1, 'released')`,
    [holdId],
  );
  if (!row) throw new Error('the ledger returned no hold');
  return { holdId: row.hold_id, accountId: row.account_id, amount: new Decimal(row.amount), status: row.status };
}

/**
 * Expires open holds due at `now`, at most `limit` per call; returns the ids it expired. Several
 * workers may run it at once: holds locked by someone else are skipped, not waited for.
 */
export async function expireHolds(sequelize: Sequelize, now: Date, limit = 500, transaction?: Transaction): Promise<string[]> {
  const rows = await ledgerQuery<{ hold_id: string }>(sequelize, transaction, `SELECT * FROM ledger_expire_holds($1, $2)`, [
    now.toISOString(),
    limit,
  ]);
  return rows.map((row) => row.hold_id);
}

export async function holdStatus(sequelize: Sequelize, holdId: string, transaction?: Transaction) {
  const [row] = await ledgerQuery<{ status: HoldStatus; amount: string; captured: string; account_id: string; expires_at: Date }>(
    sequelize,
    transaction,
    `SELECT status, amount, captured, account_id, expires_at FROM ledger_holds WHERE id = $1`,
    [holdId],
  );
  return (
    row && {
      status: row.status,
      amount: new Decimal(row.amount),
      captured: new Decimal(row.captured),
      accountId: row.account_id,
      expiresAt: row.expires_at,
    }
  );
}

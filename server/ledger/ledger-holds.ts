// Holds set part of an account's balance aside for a pending use (an ITA application, a planned
// session): available = balance - open holds. A hold resolves once: captured (all or part moves
// to another account in one transaction, the rest is freed), released, or expired at its
// deadline. Resolving it twice answers 409 hold_resolved; racing resolutions leave one winner.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { amountText, toPosted, type PostedTransaction } from './ledger-postings.js';
import { captureHoldRows, expireHoldRows, holdRow, placeHoldRow, releaseHoldRow, type HoldState } from './ledger-store.js';
import { requestHash } from './request-hash.js';

export type HoldStatus = HoldState;
export type PlacedHold = { holdId: string; replayed: boolean; accountId: string; amount: Decimal; status: HoldStatus; expiresAt: Date };

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
  const row = await placeHoldRow(
    sequelize,
    {
      accountId: hold.accountId,
      amount,
      expiresAt: hold.expiresAt.toISOString(),
      key: hold.idempotencyKey ?? null,
      hash,
      metadata: JSON.stringify(metadata),
    },
    transaction,
  );
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
  const rows = await captureHoldRows(
    sequelize,
    {
      holdId: capture.holdId,
      amount,
      toAccountId: capture.toAccountId,
      kind,
      businessDate: capture.businessDate,
      key: capture.idempotencyKey ?? null,
      hash,
      metadata: JSON.stringify(metadata),
      now: capture.now.toISOString(),
    },
    transaction,
  );
  return toPosted(rows);
}

/** Frees the whole hold; 409 hold_resolved when it was already captured, released or expired. */
export async function releaseHold(sequelize: Sequelize, holdId: string, transaction?: Transaction) {
  const row = await releaseHoldRow(sequelize, holdId, transaction);
  if (!row) throw new Error('the ledger returned no hold');
  return { holdId: row.hold_id, accountId: row.account_id, amount: new Decimal(row.amount), status: row.status };
}

/**
 * Expires open holds due at `now`, at most `limit` per call; returns the ids it expired. Several
 * workers may run it at once: holds locked by someone else are skipped, not waited for.
 */
export async function expireHolds(sequelize: Sequelize, now: Date, limit = 500, transaction?: Transaction): Promise<string[]> {
  return expireHoldRows(sequelize, now.toISOString(), limit, transaction);
}

export async function holdStatus(sequelize: Sequelize, holdId: string, transaction?: Transaction) {
  const row = await holdRow(sequelize, holdId, transaction);
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

// Fresh ledger accounts per test (unique owners), so tests never depend on each other's data.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../../server/db/database.js';
import { openAccount, type LedgerUnit } from '../../../server/ledger/ledger-accounts.js';
import { postTransaction } from '../../../server/ledger/ledger-postings.js';

export const TODAY = '2026-11-22';
export const d = (value: string | number) => new Decimal(value);

/** A source of value that may go negative (plays the public purse). */
export function openSource(sequelize: Sequelize, unit: LedgerUnit = 'HOUR') {
  return openAccount(sequelize, { ownerType: 'test_source', ownerId: randomUUID(), programmeCode: null, unit, mayGoNegative: true });
}

/** An account that may not go negative (plays an entitlement, voucher or budget). */
export function openGuarded(sequelize: Sequelize, unit: LedgerUnit = 'HOUR') {
  return openAccount(sequelize, { ownerType: 'test_entitlement', ownerId: randomUUID(), programmeCode: null, unit, mayGoNegative: false });
}

/** A guarded account granted `amount` from a fresh source; returns both ids. */
export async function grantedAccount(sequelize: Sequelize, amount: string, unit: LedgerUnit = 'HOUR') {
  const [source, account] = await Promise.all([openSource(sequelize, unit), openGuarded(sequelize, unit)]);
  const grant = await postTransaction(sequelize, {
    kind: 'grant',
    businessDate: TODAY,
    entries: [
      { accountId: source, amount: d(amount).negated() },
      { accountId: account, amount: d(amount) },
    ],
  });
  return { source, account, grantId: grant.transactionId };
}

/** Moves `amount` from one account to another: a one-call posting of `kind`. */
export function transfer(sequelize: Sequelize, from: string, to: string, amount: string, kind = 'redeem', idempotencyKey?: string) {
  return postTransaction(sequelize, {
    kind,
    businessDate: TODAY,
    idempotencyKey,
    entries: [
      { accountId: from, amount: d(amount).negated() },
      { accountId: to, amount: d(amount) },
    ],
  });
}

/** The AppError code a rejected promise carried, or 'resolved' when it did not reject. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/**
 * The entries of the one transaction of `kind` whose metadata names `value` under `key`, by
 * owner type: other tests' postings on the same database (a job's run) do not get in the way.
 */
export function entriesOfPosting(sequelize: Sequelize, kind: string, key: string, value: string) {
  return queryRows<{ owner_type: string; amount: string }>(
    sequelize,
    `SELECT a.owner_type, e.amount FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id
     WHERE t.kind = $1 AND t.metadata->>$2 = $3 ORDER BY a.owner_type`,
    [kind, key, value],
  );
}

// The read side: an account's entries with their running balance, and the balances of an
// entitlement derived from its entries by transaction kind.
//
// How an entitlement's balance derives (pass the entitlement's account and, where it has them,
// its vouchers' accounts: transfers among them cancel out):
//   granted   = net of entries of kind 'grant'             (money or hours given to it)
//   used      = minus the net of kinds 'redeem' and 'capture' (delivered to centres)
//   reserved  = sum of open holds (held)
//   available = balance - held
// A reversal counts under the kind of the transaction it reverses, so a reversed grant lowers
// `granted` and a reversed redemption lowers `used`. Other kinds (e.g. 'expire', 'forfeit',
// 'cancel') move what is left back to the programme: balance = granted - used + their net.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';
import type { LedgerUnit } from './ledger-accounts.js';
import { accountTotals, entryRows, movementRows, transactionEntryRows, type EntryRow } from './ledger-store.js';

export const GRANT_KINDS = ['grant'] as const;
export const USED_KINDS = ['redeem', 'capture'] as const;

export type EntryView = {
  entryId: string;
  accountId: string;
  transactionId: string;
  kind: string;
  /** For a reversal: the transaction it reverses and that transaction's kind. */
  reverses: { transactionId: string; kind: string } | null;
  businessDate: string;
  createdAt: Date;
  amount: Decimal;
  balanceAfter: Decimal;
  metadata: Record<string, unknown>;
};

/** Entries of the accounts, newest first, keyset-paginated (`cursor` from the previous page). */
export async function accountEntries(
  sequelize: Sequelize,
  accountIds: string | string[],
  page: { limit: number; cursor?: string },
  transaction?: Transaction,
): Promise<Page<EntryView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await entryRows(
    sequelize,
    Array.isArray(accountIds) ? accountIds : [accountIds],
    { beforeId: after?.[0] ?? null, limit: page.limit + 1 },
    transaction,
  );
  return toPage(rows, page.limit, (row) => [row.id], toEntryView);
}

const toEntryView = (row: EntryRow): EntryView => ({
  entryId: row.id,
  accountId: row.account_id,
  transactionId: row.transaction_id,
  kind: row.kind,
  reverses: row.reverses_id ? { transactionId: row.reverses_id, kind: row.reversed_kind ?? 'unknown' } : null,
  businessDate: row.business_date,
  createdAt: row.created_at,
  amount: new Decimal(row.amount),
  balanceAfter: new Decimal(row.balance_after),
  metadata: row.metadata,
});

/** Net movement of the accounts per kind, reversals counted under the kind they reverse. */
export async function accountMovements(
  sequelize: Sequelize,
  accountIds: string[],
  transaction?: Transaction,
): Promise<Map<string, Decimal>> {
  const rows = await movementRows(sequelize, accountIds, transaction);
  return new Map(rows.map((row) => [row.kind, new Decimal(row.total)]));
}

export type EntitlementBalance = { granted: Decimal; reserved: Decimal; used: Decimal; available: Decimal };

/** granted / reserved / used / available of an entitlement's accounts (see the header for the rules). */
export async function entitlementBalance(
  sequelize: Sequelize,
  accountIds: string[],
  transaction?: Transaction,
): Promise<EntitlementBalance> {
  const [movements, totals] = await Promise.all([
    accountMovements(sequelize, accountIds, transaction),
    accountTotals(sequelize, accountIds, transaction),
  ]);
  const net = (kinds: readonly string[]) => kinds.reduce((sum, kind) => sum.plus(movements.get(kind) ?? 0), new Decimal(0));
  const balance = new Decimal(totals?.balance ?? 0);
  const held = new Decimal(totals?.held ?? 0);
  return { granted: net(GRANT_KINDS), reserved: held, used: net(USED_KINDS).negated(), available: balance.minus(held) };
}

export type TransactionView = {
  id: string;
  kind: string;
  /** For a reversal: the transaction it reverses. */
  reversesId: string | null;
  businessDate: string;
  createdAt: Date;
  metadata: Record<string, unknown>;
  entries: {
    id: string;
    accountId: string;
    owner: { type: string; id: string };
    unit: LedgerUnit;
    amount: Decimal;
    balanceAfter: Decimal;
  }[];
};

/** The transactions named by id or by idempotency key, oldest first, each with its entries (a name that finds none is left out). */
export async function transactionsWithEntries(
  sequelize: Sequelize,
  named: { ids?: readonly string[]; idempotencyKeys?: readonly string[] },
): Promise<TransactionView[]> {
  const rows = await transactionEntryRows(sequelize, { ids: named.ids ?? [], idempotencyKeys: named.idempotencyKeys ?? [] });
  const byId = new Map<string, TransactionView>();
  for (const row of rows) {
    const found = byId.get(row.transaction_id) ?? {
      id: row.transaction_id,
      kind: row.kind,
      reversesId: row.reverses_id,
      businessDate: row.business_date,
      createdAt: row.created_at,
      metadata: row.metadata,
      entries: [],
    };
    found.entries.push({
      id: row.entry_id,
      accountId: row.account_id,
      owner: { type: row.owner_type, id: row.owner_id },
      unit: row.unit,
      amount: new Decimal(row.amount),
      balanceAfter: new Decimal(row.balance_after),
    });
    byId.set(row.transaction_id, found);
  }
  return [...byId.values()];
}

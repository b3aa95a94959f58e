// Ledger accounts: one per owner and unit. The owner is named by a type and an id, e.g.
// ('programme_budget', 'LBC'), ('entitlement', <uuid>), ('voucher', <code>), ('centre_payable',
// <centre id>); the ledger knows nothing more of owners. An account that may not go negative
// (entitlements, vouchers, budgets) is held to `balance - held >= 0` by the database itself.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { notFound } from '../errors.js';
import { accountIdOf, accountRow, openAccountRow, type AccountRow } from './ledger-store.js';

/** HOUR, or the ISO 4217 code of a programme's currency. */
export type LedgerUnit = string;

export type AccountSpec = {
  ownerType: string;
  ownerId: string;
  programmeCode: string | null;
  unit: LedgerUnit;
  mayGoNegative: boolean;
};

export type LedgerAccount = {
  id: string;
  ownerType: string;
  ownerId: string;
  programmeCode: string | null;
  unit: LedgerUnit;
  mayGoNegative: boolean;
  balance: Decimal;
  held: Decimal;
  /** balance - held: what can still be spent or reserved. */
  available: Decimal;
  createdAt: Date;
};

const toAccount = (row: AccountRow): LedgerAccount => ({
  id: row.id,
  ownerType: row.owner_type,
  ownerId: row.owner_id,
  programmeCode: row.programme_code,
  unit: row.unit,
  mayGoNegative: row.may_go_negative,
  balance: new Decimal(row.balance),
  held: new Decimal(row.held),
  available: new Decimal(row.balance).minus(row.held),
  createdAt: row.created_at,
});

/**
 * Ids of accounts known to be committed, per database. An account's identity never changes and
 * it is never deleted (the database refuses both), so a committed id stays right for the life of
 * the process; the busy shared accounts (budgets, pools, a centre's) then cost no round trip.
 */
const settledIds = new WeakMap<Sequelize, Map<string, { id: string; mayGoNegative: boolean }>>();

/**
 * The account of this owner in this unit, created on first use (idempotent on owner type, owner
 * id and unit; one round trip until it is known committed, none after). Asking again with
 * another `mayGoNegative` is a bug.
 */
export async function openAccount(sequelize: Sequelize, spec: AccountSpec, transaction?: Transaction): Promise<string> {
  const key = `${spec.ownerType}\u0000${spec.ownerId}\u0000${spec.unit}`;
  const known = settledIds.get(sequelize)?.get(key);
  if (known) return checked(spec, known.id, known.mayGoNegative);
  let row = await openAccountRow(sequelize, spec, transaction);
  // Lost a race with a concurrent first use: the winner's row is committed now.
  row ??= await openAccountRow(sequelize, spec, transaction);
  if (!row) throw new Error(`ledger account ${spec.ownerType}/${spec.ownerId}/${spec.unit} could not be opened`);
  if (row.settled) {
    const ids = settledIds.get(sequelize) ?? new Map<string, { id: string; mayGoNegative: boolean }>();
    settledIds.set(sequelize, ids);
    ids.set(key, { id: row.id, mayGoNegative: row.may_go_negative });
  }
  return checked(spec, row.id, row.may_go_negative);
}

function checked(spec: AccountSpec, id: string, mayGoNegative: boolean): string {
  if (mayGoNegative !== spec.mayGoNegative) {
    throw new Error(`ledger account ${spec.ownerType}/${spec.ownerId}/${spec.unit} exists with mayGoNegative=${mayGoNegative}`);
  }
  return id;
}

/** The id of an owner's account, if it was ever opened. */
export async function findAccountId(
  sequelize: Sequelize,
  owner: { ownerType: string; ownerId: string; unit: LedgerUnit },
  transaction?: Transaction,
): Promise<string | undefined> {
  return accountIdOf(sequelize, owner, transaction);
}

export async function getAccount(sequelize: Sequelize, accountId: string, transaction?: Transaction): Promise<LedgerAccount | undefined> {
  const row = await accountRow(sequelize, accountId, transaction);
  return row && toAccount(row);
}

/** Balance, held and available of one account; 404 when there is no such account. */
export async function accountBalance(sequelize: Sequelize, accountId: string, transaction?: Transaction) {
  const account = await getAccount(sequelize, accountId, transaction);
  if (!account) throw notFound('Ledger account');
  return { balance: account.balance, held: account.held, available: account.available, unit: account.unit };
}

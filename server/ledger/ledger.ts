// The ledger as the other components see it: accounts of owners in a unit, balanced postings and
// their reversals, holds, and the readings of an account. Value moves only through these calls;
// each is one SQL function of server/db/functions/ (one round trip), joining the caller's
// transaction when given one. The ledger knows owners only as a type and an id, never cheques or
// courses. The implementations are split by concern in this folder; other components import this
// module only (test/foundation/architecture.test.ts).
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import * as accounts from './ledger-accounts.js';
import { toLedgerError as ledgerErrorOf } from './ledger-errors.js';
import * as holds from './ledger-holds.js';
import * as postings from './ledger-postings.js';
import * as reads from './ledger-read.js';
import * as verification from './ledger-verify.js';

export type LedgerUnit = accounts.LedgerUnit;
export type LedgerAccount = accounts.LedgerAccount;
export type Posting = postings.Posting;
export type PostedTransaction = postings.PostedTransaction;
export type PlacedHold = holds.PlacedHold;
export type EntryView = reads.EntryView;
export type EntitlementBalance = reads.EntitlementBalance;
export type TransactionView = reads.TransactionView;
export type VerifyReport = verification.VerifyReport;

/** The account of an owner in a unit, opened on first use; returns its id. */
export const openAccount = (sequelize: Sequelize, spec: accounts.AccountSpec, transaction?: Transaction): Promise<string> =>
  accounts.openAccount(sequelize, spec, transaction);

/** The id of an owner's account, if it was ever opened. */
export const findAccountId = (
  sequelize: Sequelize,
  owner: { ownerType: string; ownerId: string; unit: LedgerUnit },
  transaction?: Transaction,
): Promise<string | undefined> => accounts.findAccountId(sequelize, owner, transaction);

export const getAccount = (sequelize: Sequelize, accountId: string, transaction?: Transaction): Promise<LedgerAccount | undefined> =>
  accounts.getAccount(sequelize, accountId, transaction);

/** Posts a balanced transaction; 422 insufficient_balance when an account may not go that low. */
export const postTransaction = (sequelize: Sequelize, posting: Posting, transaction?: Transaction): Promise<PostedTransaction> =>
  postings.postTransaction(sequelize, posting, transaction);

/** A correction: the exact opposite entries, linked to the original; an original is reversed once. */
export const reverseTransaction = (
  sequelize: Sequelize,
  reversal: Parameters<typeof postings.reverseTransaction>[1],
  transaction?: Transaction,
): Promise<PostedTransaction> => postings.reverseTransaction(sequelize, reversal, transaction);

/** Reserves an amount of an account until a deadline; 422 insufficient_balance past what is available. */
export const placeHold = (
  sequelize: Sequelize,
  hold: Parameters<typeof holds.placeHold>[1],
  transaction?: Transaction,
): Promise<PlacedHold> => holds.placeHold(sequelize, hold, transaction);

/** Moves all or part of a hold to another account as one transaction and frees the rest. */
export const captureHold = (
  sequelize: Sequelize,
  capture: Parameters<typeof holds.captureHold>[1],
  transaction?: Transaction,
): Promise<PostedTransaction> => holds.captureHold(sequelize, capture, transaction);

export const releaseHold = (sequelize: Sequelize, holdId: string, transaction?: Transaction) =>
  holds.releaseHold(sequelize, holdId, transaction);

export const holdStatus = (sequelize: Sequelize, holdId: string, transaction?: Transaction) =>
  holds.holdStatus(sequelize, holdId, transaction);

/** Expires the open holds whose deadline is past `now` (a scheduled job); returns their ids. */
export const expireHolds = (sequelize: Sequelize, now: Date, limit?: number, transaction?: Transaction): Promise<string[]> =>
  holds.expireHolds(sequelize, now, limit, transaction);

/** Entries of the accounts, newest first, a page at a time. */
export const accountEntries = (
  sequelize: Sequelize,
  accountIds: string | string[],
  page: { limit: number; cursor?: string },
  transaction?: Transaction,
) => reads.accountEntries(sequelize, accountIds, page, transaction);

/** Net movement of the accounts per kind, reversals counted under the kind they reverse. */
export const accountMovements = (sequelize: Sequelize, accountIds: string[], transaction?: Transaction): Promise<Map<string, Decimal>> =>
  reads.accountMovements(sequelize, accountIds, transaction);

/** granted / reserved / used / available of an entitlement's accounts. */
export const entitlementBalance = (sequelize: Sequelize, accountIds: string[], transaction?: Transaction): Promise<EntitlementBalance> =>
  reads.entitlementBalance(sequelize, accountIds, transaction);

/** Transactions named by id or idempotency key, each with its entries and their accounts' owners (what a decision moved). */
export const transactionsWithEntries = (sequelize: Sequelize, named: { ids?: readonly string[]; idempotencyKeys?: readonly string[] }) =>
  reads.transactionsWithEntries(sequelize, named);

/** The client error a ledger refusal raised by the database stands for, or the error itself. */
export const toLedgerError = (error: unknown): unknown => ledgerErrorOf(error);

/** Checks every invariant of the ledger in one read-only snapshot (ledger:verify). */
export const verifyLedger = (sequelize: Sequelize): Promise<VerifyReport> => verification.verifyLedger(sequelize);

export const formatVerifyReport = (report: VerifyReport): string => verification.formatReport(report);

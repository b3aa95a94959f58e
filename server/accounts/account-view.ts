// How an account reads to its holder: the citizen's own money (accrued, held by live
// applications, spent), and each top-up with its funder, what is left and its deadline. All of it
// from the ledger.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { money } from '../http/schemas.js';
import { accountMovements, getAccount, type EntitlementBalance } from '../ledger/ledger.js';
import { ownMoneyHeld, type AccountIds } from './account-store.js';
import { topUpsOf, type TopUp } from './top-up-store.js';

export const topUpView = (topUp: TopUp) => ({
  id: topUp.id,
  funder: topUp.funder,
  amount: money(topUp.amount, topUp.currency),
  balance: money(topUp.balance, topUp.currency),
  courseId: topUp.courseId,
  deadline: topUp.deadline,
  receivedOn: topUp.receivedOn,
  /** The 'top_up' transaction that credited it when the money was received. */
  transactionId: topUp.fundingTransactionId,
});

export type TopUpView = ReturnType<typeof topUpView>;

/**
 * The citizen's own money of the account:
 *   granted   = accruals
 *   reserved  = own money live applications hold
 *   used      = own money spent (claimed by providers), net of what lapsed or cancelled ones gave back
 *   available = the account's balance
 */
export async function accountBalance(sequelize: Sequelize, account: AccountIds, transaction?: Transaction): Promise<EntitlementBalance> {
  // One after another: a transaction's client runs one query at a time.
  const movements = await accountMovements(sequelize, [account.accountId], transaction);
  const own = await getAccount(sequelize, account.accountId, transaction);
  const reserved = await ownMoneyHeld(sequelize, account, transaction);
  const zero = new Decimal(0);
  return {
    granted: movements.get('accrual') ?? zero,
    reserved,
    used: (movements.get('reserve') ?? zero).negated().minus(reserved),
    available: own?.available ?? zero,
  };
}

/** The top-ups of the account, the earliest deadline first. */
export async function accountTopUps(sequelize: Sequelize, entitlementId: string, transaction?: Transaction): Promise<TopUpView[]> {
  return (await topUpsOf(sequelize, [entitlementId], transaction)).map(topUpView);
}

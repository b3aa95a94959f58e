// A year's accrual on an account: from the programme's budget into the account, the yearly amount
// of the citizen's group, never past the ceiling counting what live applications hold of the
// citizen's own money. Posted once per account and account year (the ledger key
// `accrual:<account>:<year>`), the first time the account has room that year: by the daily job
// for every account, and by the citizen's claim (the one that opens the account, too). The
// budget short of it leaves the year unaccrued (logged) until it is funded: a claim still spends
// what the account holds. The caller holds the account's lock.
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { getAccount, postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts, parametersOn, programmeYearOf } from '../programmes/programmes.js';
import { ownMoneyHeld, postedUnder, type Account } from './account-store.js';
import { accountTermsOf, accrualOf } from './account-terms.js';

export const accrualKey = (account: Account, year: number) => `accrual:${account.entitlementId}:${year}`;

/** Accrues the account year containing `onDate` if it has not been; returns the amount posted (0 when none). */
export async function accrueYear(
  app: AppContext,
  account: Account,
  change: { onDate: string; groups: readonly string[] },
  transaction: Transaction,
): Promise<Decimal> {
  const { sequelize } = app;
  const code = account.programmeCode;
  const terms = accountTermsOf(code, await parametersOn(sequelize, code, change.onDate, transaction), change.onDate, change.groups);
  const year = programmeYearOf(change.onDate, terms.accountYearStartMonth);
  const key = accrualKey(account, year.year);
  if (await postedUnder(sequelize, key, transaction)) return new Decimal(0);
  const own = await getAccount(sequelize, account.accountId, transaction);
  const balance = (own?.balance ?? new Decimal(0)).plus(await ownMoneyHeld(sequelize, account, transaction));
  const amount = accrualOf(terms, balance);
  if (amount.isZero()) return amount;
  const { budgetAccountId } = await openBudgetAccounts(sequelize, code, transaction);
  const budget = await getAccount(sequelize, budgetAccountId, transaction);
  if (!budget || budget.available.lt(amount)) {
    app.logger.warn({ programme: code, entitlementId: account.entitlementId, year: year.year }, 'accrual waits: the budget is short');
    return new Decimal(0);
  }
  await postTransaction(
    sequelize,
    {
      kind: 'accrual',
      businessDate: change.onDate,
      idempotencyKey: key,
      metadata: { programme: code, entitlementId: account.entitlementId, accountYear: year.year },
      entries: [
        { accountId: budgetAccountId, amount: amount.negated() },
        { accountId: account.accountId, amount },
      ],
    },
    transaction,
  );
  return amount;
}

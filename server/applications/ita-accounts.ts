// The ledger accounts an application moves money between (owners as in docs/ledger-accounts.md): the programme
// budget, the citizen's entitlement for the account year, and what is owed to the provider.
import type { Sequelize, Transaction } from 'sequelize';
import { openAccount, type LedgerUnit } from '../ledger/ledger.js';
import { openBudgetAccounts } from '../programmes/programmes.js';
import { ITA } from './ita-terms.js';

export async function budgetAccountOf(sequelize: Sequelize, transaction: Transaction) {
  const { budgetAccountId, currency } = await openBudgetAccounts(sequelize, ITA, transaction);
  return { budgetAccountId, currency };
}

export const entitlementAccountOf = (sequelize: Sequelize, entitlementId: string, currency: LedgerUnit, transaction: Transaction) =>
  openAccount(
    sequelize,
    { ownerType: 'entitlement', ownerId: entitlementId, programmeCode: ITA, unit: currency, mayGoNegative: false },
    transaction,
  );

export const providerPayableAccountOf = (sequelize: Sequelize, centreId: string, currency: LedgerUnit, transaction: Transaction) =>
  openAccount(
    sequelize,
    { ownerType: 'centre_payable', ownerId: `${centreId}:${ITA}`, programmeCode: ITA, unit: currency, mayGoNegative: false },
    transaction,
  );

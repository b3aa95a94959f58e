// The ledger accounts an application moves money between (owners as in docs/ledger-accounts.md): the programme
// budget, the citizen's entitlement for the account year, and what is owed to the provider, each of the
// application's own programme.
import type { Sequelize, Transaction } from 'sequelize';
import { openAccount, type LedgerUnit } from '../ledger/ledger.js';
import { openBudgetAccounts } from '../programmes/programmes.js';

export async function budgetAccountOf(sequelize: Sequelize, programmeCode: string, transaction: Transaction) {
  const { budgetAccountId, currency } = await openBudgetAccounts(sequelize, programmeCode, transaction);
  return { budgetAccountId, currency };
}

export const entitlementAccountOf = (
  sequelize: Sequelize,
  right: { programmeCode: string; entitlementId: string; currency: LedgerUnit },
  transaction: Transaction,
) =>
  openAccount(
    sequelize,
    {
      ownerType: 'entitlement',
      ownerId: right.entitlementId,
      programmeCode: right.programmeCode,
      unit: right.currency,
      mayGoNegative: false,
    },
    transaction,
  );

export const providerPayableAccountOf = (
  sequelize: Sequelize,
  payable: { programmeCode: string; centreId: string; currency: LedgerUnit },
  transaction: Transaction,
) =>
  openAccount(
    sequelize,
    {
      ownerType: 'centre_payable',
      ownerId: `${payable.centreId}:${payable.programmeCode}`,
      programmeCode: payable.programmeCode,
      unit: payable.currency,
      mayGoNegative: false,
    },
    transaction,
  );

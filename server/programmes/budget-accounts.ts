// The two ledger accounts behind a programme's budget, opened on first use. Flows that charge
// the budget (a grant commits money from it) take `budgetAccountId` from here.
import type { Sequelize, Transaction } from 'sequelize';
import { notFound } from '../errors.js';
import { openAccount, type LedgerUnit } from '../ledger/ledger.js';
import { findProgramme } from './programme-store.js';
import { BUDGET_OWNER, FUNDING_OWNER } from './budget-read.js';

export type BudgetAccounts = { budgetAccountId: string; fundingAccountId: string; currency: LedgerUnit };

export async function openBudgetAccounts(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<BudgetAccounts> {
  const programme = await findProgramme(sequelize, code, transaction);
  if (!programme) throw notFound(`Programme ${code}`);
  const currency = programme.currency;
  const owner = { ownerId: code, programmeCode: code, unit: currency };
  const budgetAccountId = await openAccount(sequelize, { ...owner, ownerType: BUDGET_OWNER, mayGoNegative: false }, transaction);
  const fundingAccountId = await openAccount(sequelize, { ...owner, ownerType: FUNDING_OWNER, mayGoNegative: true }, transaction);
  return { budgetAccountId, fundingAccountId, currency };
}

// A programme's budget as the public and the eligibility rules see it, in the programme's
// currency (programme_budget_state, migration 11). The money comes from a `programme_funding`
// account (the public purse, which may go negative) into a `programme_budget` account (which may
// not), and from there in chunks into the budget lanes a burst of claims draws from:
//   total     = everything ever funded = minus the funding account's balance (only 'fund'
//               transactions and their reversals touch it), so reading it is O(1)
//   remaining = what the budget account and its lanes have available (balance - open holds)
//   committed = total - remaining (granted or reserved for citizens)
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { budgetState } from './budget-store.js';
import { notFound } from '../errors.js';

export const BUDGET_OWNER = 'programme_budget';
export const FUNDING_OWNER = 'programme_funding';

export type ProgrammeBudget = { total: Decimal; committed: Decimal; remaining: Decimal; currency: string };

/** 404 for an unknown programme; zeros for a programme never funded. */
export async function programmeBudget(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeBudget> {
  const row = await budgetState(sequelize, code, transaction);
  if (!row) throw notFound(`Programme ${code}`);
  const total = new Decimal(row.total);
  const remaining = new Decimal(row.remaining);
  return { total, committed: total.minus(remaining), remaining, currency: row.currency };
}

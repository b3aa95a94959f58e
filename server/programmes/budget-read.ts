// A programme's budget as the public and the eligibility rules see it, in the programme's
// currency. The money comes from a `programme_funding` account (the public purse, which may go
// negative) into a `programme_budget` account (which may not):
//   total     = everything ever funded = minus the funding account's balance (only 'fund'
//               transactions and their reversals touch it), so reading it is O(1)
//   remaining = the budget account's available (balance - open holds)
//   committed = total - remaining (granted or reserved for citizens)
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { notFound } from '../errors.js';

export const BUDGET_OWNER = 'programme_budget';
export const FUNDING_OWNER = 'programme_funding';

export type ProgrammeBudget = { total: Decimal; committed: Decimal; remaining: Decimal; currency: string };

type BudgetRow = { currency: string; budget_balance: string | null; budget_held: string | null; funding_balance: string | null };

/** 404 for an unknown programme; zeros for a programme never funded. */
export async function programmeBudget(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeBudget> {
  const [row] = await queryRows<BudgetRow>(
    sequelize,
    `SELECT p.currency, b.balance AS budget_balance, b.held AS budget_held, f.balance AS funding_balance
     FROM programmes p
     LEFT JOIN ledger_accounts b ON b.owner_type = '${BUDGET_OWNER}' AND b.owner_id = p.code AND b.unit = p.currency
     LEFT JOIN ledger_accounts f ON f.owner_type = '${FUNDING_OWNER}' AND f.owner_id = p.code AND f.unit = p.currency
     WHERE p.code = $1`,
    [code],
    { transaction },
  );
  if (!row) throw notFound(`Programme ${code}`);
  const total = new Decimal(row.funding_balance ?? 0).negated();
  const remaining = new Decimal(row.budget_balance ?? 0).minus(row.budget_held ?? 0);
  return { total, committed: total.minus(remaining), remaining, currency: row.currency };
}

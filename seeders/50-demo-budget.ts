// Demo budgets: LBC's yearly envelope of EUR 18.2 M (2020) and ITA's GBP 3.5 M. Fixed ledger
// idempotency keys make a rerun replay the first funding instead of adding to it. They are funded
// through the service, not the endpoint, so no second administrator approves them: they are the
// system's own reference data, written by the operator who deploys it, not an administrator's act.
import { Decimal } from 'decimal.js';
import type { SeedContext } from '../server/db/migrator.js';
import { fundBudget } from '../server/programmes/budget-service.js';

export const DEMO_BUDGETS = [
  { code: 'LBC', amount: '18200000.00', note: 'Demo: yearly envelope (EUR 18.2 M, as in 2020)' },
  { code: 'ITA', amount: '3500000.00', note: 'Demo: yearly budget (GBP 3.5 M)' },
] as const;

export async function up({ sequelize }: SeedContext) {
  for (const budget of DEMO_BUDGETS) {
    await fundBudget(sequelize, {
      code: budget.code,
      amount: new Decimal(budget.amount),
      note: budget.note,
      businessDate: new Date().toISOString().slice(0, 10),
      actor: { userId: null, role: 'system' },
      idempotencyKey: `seed:demo-budget:${budget.code}`,
    });
  }
}

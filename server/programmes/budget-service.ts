// Funding a programme's budget: a 'fund' transaction from the public purse into the budget
// account, audited in the same transaction. Used by the admin endpoint and the demo seeder.
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { inTransaction } from '../db/database.js';
import { money } from '../http/schemas.js';
import { postTransaction } from '../ledger/ledger-postings.js';
import { openBudgetAccounts } from './budget-accounts.js';
import { programmeBudget, type ProgrammeBudget } from './budget-read.js';

export type Funding = {
  code: string;
  amount: Decimal;
  note: string;
  businessDate: string;
  actor: AuditEntry['actor'];
  /** Ledger-wide unique: a rerun with the same key and request adds nothing. */
  idempotencyKey?: string;
  requestId?: string;
};

const budgetJson = (budget: ProgrammeBudget) => ({
  total: budget.total.toFixed(2),
  committed: budget.committed.toFixed(2),
  remaining: budget.remaining.toFixed(2),
  currency: budget.currency,
});

export async function fundBudget(sequelize: Sequelize, funding: Funding, transaction?: Transaction) {
  return inTransaction(sequelize, transaction, async (t) => {
    const accounts = await openBudgetAccounts(sequelize, funding.code, t);
    const before = await programmeBudget(sequelize, funding.code, t);
    const posted = await postTransaction(
      sequelize,
      {
        kind: 'fund',
        businessDate: funding.businessDate,
        idempotencyKey: funding.idempotencyKey,
        metadata: { programme: funding.code, note: funding.note },
        entries: [
          { accountId: accounts.fundingAccountId, amount: funding.amount.negated() },
          { accountId: accounts.budgetAccountId, amount: funding.amount },
        ],
      },
      t,
    );
    const after = await programmeBudget(sequelize, funding.code, t);
    if (!posted.replayed) {
      await recordAudit(sequelize, t, {
        actor: funding.actor,
        action: 'programme.budget.funded',
        entityType: 'programme',
        entityId: funding.code,
        before: budgetJson(before),
        after: { ...budgetJson(after), funded: funding.amount.toFixed(2), note: funding.note, transactionId: posted.transactionId },
        requestId: funding.requestId,
      });
    }
    return {
      programme: funding.code,
      transactionId: posted.transactionId,
      funded: money(funding.amount, accounts.currency),
      note: funding.note,
      budget: budgetJson(after),
    };
  });
}

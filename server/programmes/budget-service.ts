// Funding a programme's budget: a 'fund' transaction from the public purse into the budget
// account, audited in the same transaction. Used by the admin endpoint, its approval and the demo
// seeder. Through the endpoint, an amount above BUDGET_FUNDING_APPROVAL_THRESHOLD is only
// requested: it is funded when a second administrator approves it (server/approvals/).
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { requestChange } from '../approvals/approvals.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { notFound } from '../errors.js';
import { money } from '../http/schemas.js';
import { postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts } from './budget-accounts.js';
import { programmeBudget, type ProgrammeBudget } from './budget-read.js';
import { findProgramme } from './programme-store.js';

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

/** An administrator's funding: at most the threshold is funded at once, more waits for approval (202). */
export async function fundOrRequest(app: AppContext, funding: Funding & { actor: Principal; requestId: string }, transaction: Transaction) {
  if (funding.amount.lte(app.config.budgetFundingApprovalThreshold)) return fundBudget(app.sequelize, funding, transaction);
  const programme = await findProgramme(app.sequelize, funding.code, transaction);
  if (!programme) throw notFound(`Programme ${funding.code}`);
  return requestChange(
    app.sequelize,
    {
      kind: 'budget_funding',
      targetId: funding.code,
      payload: { amount: money(funding.amount, programme.currency), note: funding.note },
      actor: funding.actor,
      requestId: funding.requestId,
    },
    transaction,
  );
}

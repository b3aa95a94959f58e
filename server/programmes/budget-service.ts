// Funding a programme's budget: a 'fund' transaction from the public purse into the budget
// account, audited in the same transaction. Used by the admin endpoint, its approval and the demo
// seeder. Through the endpoint, administrators fund a programme on one signature only up to
// BUDGET_FUNDING_APPROVAL_THRESHOLD in any 24 hours; beyond it a funding is only requested: it is
// funded when a second administrator approves it (server/approvals/).
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requestChange, type ChangeApplier, type Requested } from '../approvals/approvals.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { notFound } from '../errors.js';
import { money } from '../http/schemas.js';
import { postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts } from './budget-accounts.js';
import { fundedAloneLastDay, ONE_SIGNATURE } from './budget-funding-store.js';
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
  /** Funded on one administrator's signature: counts against the approval threshold's 24 hours. */
  oneSignature?: boolean;
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
        metadata: { programme: funding.code, note: funding.note, ...(funding.oneSignature ? { approval: ONE_SIGNATURE } : {}) },
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

export type Funded = Awaited<ReturnType<typeof fundBudget>>;

/**
 * An administrator's funding. What administrators fund on a programme on one signature is bounded
 * together, per programme: at most BUDGET_FUNDING_APPROVAL_THRESHOLD in any 24 hours. A funding
 * that would take the last 24 hours' direct fundings over it waits for a second administrator (a
 * pending change), so splitting a large sum into small fundings moves no more than the threshold.
 */
export async function fundOrRequest(
  app: AppContext,
  funding: Funding & { actor: Principal; requestId: string },
  transaction: Transaction,
): Promise<Requested<Funded>> {
  const programme = await findProgramme(app.sequelize, funding.code, transaction);
  if (!programme) throw notFound(`Programme ${funding.code}`);
  const fundedAlone = await fundedAloneLastDay(app.sequelize, funding.code, transaction);
  if (fundedAlone.plus(funding.amount).lte(app.config.budgetFundingApprovalThreshold)) {
    return { applied: await fundBudget(app.sequelize, { ...funding, oneSignature: true }, transaction) };
  }
  const pending = await requestChange(
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
  return { pending };
}

const fundingPayload = z.object({ amount: z.object({ amount: z.string(), currency: z.string() }), note: z.string() });

/** An approved funding, by the approver; keyed by its change, so it is posted once. */
export const applyApprovedFunding: ChangeApplier = async (app, approved, transaction) => {
  const payload = fundingPayload.parse(approved.payload);
  const funded = await fundBudget(
    app.sequelize,
    {
      code: approved.targetId,
      amount: new Decimal(payload.amount.amount),
      note: payload.note,
      businessDate: app.clock.today(),
      actor: approved.approver,
      idempotencyKey: `pending-change:${approved.id}`,
      requestId: approved.requestId,
    },
    transaction,
  );
  return { transactionId: funded.transactionId };
};

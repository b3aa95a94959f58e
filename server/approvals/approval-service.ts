// Four eyes on money: a second administrator approves or rejects what another one requested
// (approvals.ts). Approving applies the change in the same transaction as the
// decision, checked again against the state of now: a statement paid meanwhile, a parameter date
// now past or taken, a version out of bounds against the one in force now are refused as they
// would be on a direct request, and the change stays pending for a rejection. The row is locked
// first, so racing approvals apply it once; every decision is audited.
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { decodeTimeIdCursor, toPage } from '../shared/pagination.js';
import { applyParameterChange, fundBudget } from '../programmes/programmes.js';
import { payCentreStatement } from '../settlement/settlement.js';
import {
  decideChange,
  findPendingChange,
  listPendingChanges,
  type ChangeKind,
  type ChangeStatus,
  type PendingChangeRow,
} from './pending-change-store.js';
import { pendingChangeView } from './pending-change-view.js';

const moneyPayload = z.object({ amount: z.string(), currency: z.string() });
const PAYLOADS = {
  programme_parameters: z.object({ effectiveFrom: z.string(), values: z.record(z.string(), z.unknown()), note: z.string().nullable() }),
  budget_funding: z.object({ amount: moneyPayload, note: z.string() }),
  statement_payment: z.object({ total: moneyPayload }),
};

type Decider = { app: AppContext; actor: Principal; id: string; requestId: string };

export async function listChanges(
  app: AppContext,
  query: { status?: ChangeStatus | undefined; kind?: ChangeKind | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeTimeIdCursor(query.cursor);
  const rows = await listPendingChanges(app.sequelize, { status: query.status, kind: query.kind, after, limit: query.limit + 1 });
  return toPage(rows, query.limit, (row) => [row.requested_at.toISOString(), row.id], pendingChangeView);
}

export async function readChange(app: AppContext, id: string) {
  const row = await findPendingChange(app.sequelize, id);
  if (!row) throw notFound('Pending change');
  return pendingChangeView(row);
}

/** Runs in the idempotency transaction of the approve request, so a retry replays the answer. */
export async function approveChange({ app, actor, id, requestId }: Decider, transaction: Transaction) {
  const change = await lockPending(app, id, transaction);
  if (change.requested_by === actor.userId) {
    throw forbidden(
      'A money-moving change must be approved by an administrator other than the one who requested it.',
      'four_eyes_required',
    );
  }
  const result = await applyChange(app, actor, change, requestId, transaction);
  return decide(app, actor, change, { status: 'approved', reason: null, result }, requestId, transaction);
}

export async function rejectChange({ app, actor, id, requestId }: Decider, reason: string) {
  return app.sequelize.transaction(async (transaction) => {
    const change = await lockPending(app, id, transaction);
    return decide(app, actor, change, { status: 'rejected', reason, result: null }, requestId, transaction);
  });
}

/** The requester takes back a change no one has decided yet. */
export async function withdrawChange({ app, actor, id, requestId }: Decider, reason: string | null) {
  return app.sequelize.transaction(async (transaction) => {
    const change = await lockPending(app, id, transaction);
    if (change.requested_by !== actor.userId)
      throw forbidden('Only the administrator who requested a change may withdraw it.', 'not_requester');
    return decide(app, actor, change, { status: 'withdrawn', reason, result: null }, requestId, transaction);
  });
}

async function lockPending(app: AppContext, id: string, transaction: Transaction) {
  const change = await findPendingChange(app.sequelize, id, { transaction, lock: true });
  if (!change) throw notFound('Pending change');
  if (change.status !== 'pending') {
    throw conflict('change_not_pending', `This change was already ${change.status}.`, {
      status: change.status,
      decidedAt: change.decided_at?.toISOString(),
    });
  }
  return change;
}

async function decide(
  app: AppContext,
  actor: Principal,
  change: PendingChangeRow,
  decision: { status: 'approved' | 'rejected' | 'withdrawn'; reason: string | null; result: Record<string, unknown> | null },
  requestId: string,
  transaction: Transaction,
) {
  const decided = await decideChange(app.sequelize, { id: change.id, by: actor.userId, ...decision }, transaction);
  const view = pendingChangeView(decided);
  await recordAudit(app.sequelize, transaction, {
    actor,
    action: `pending_change.${decision.status}`,
    entityType: 'pending_change',
    entityId: change.id,
    before: pendingChangeView(change),
    after: view,
    requestId,
  });
  return view;
}

/** Applies the change as its flow would on a direct request, by the approver; returns what it produced. */
async function applyChange(
  app: AppContext,
  approver: Principal,
  change: PendingChangeRow,
  requestId: string,
  transaction: Transaction,
): Promise<Record<string, unknown>> {
  switch (change.kind) {
    case 'programme_parameters': {
      const payload = PAYLOADS.programme_parameters.parse(change.payload);
      const version = await applyParameterChange(app, approver, { code: change.target_id, ...payload, requestId }, transaction);
      return { parameterVersionId: version.id, effectiveFrom: version.effectiveFrom };
    }
    case 'budget_funding': {
      const payload = PAYLOADS.budget_funding.parse(change.payload);
      const funded = await fundBudget(
        app.sequelize,
        {
          code: change.target_id,
          amount: new Decimal(payload.amount.amount),
          note: payload.note,
          businessDate: app.clock.today(),
          actor: approver,
          idempotencyKey: `pending-change:${change.id}`,
          requestId,
        },
        transaction,
      );
      return { transactionId: funded.transactionId };
    }
    case 'statement_payment': {
      const payload = PAYLOADS.statement_payment.parse(change.payload);
      const paid = await payCentreStatement(
        app.sequelize,
        {
          statementId: change.target_id,
          actor: approver,
          at: app.clock.now(),
          businessDate: app.clock.today(),
          requestId,
          expectedTotal: payload.total.amount,
        },
        transaction,
      );
      return { statementId: paid.id, payTransactionId: paid.payTransactionId };
    }
  }
}

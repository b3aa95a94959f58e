// Four eyes on money: a second administrator approves or rejects what another one requested
// (approvals.ts). Approving applies the change, through the applier of its kind, in the same
// transaction as the decision, checked again against the state of now: a statement paid
// meanwhile, a parameter date now past or taken, a version out of bounds against the one in force
// now are refused as they would be on a direct request, and the change stays pending for a
// rejection. The row is locked first, so racing approvals apply it once; every decision is audited.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { decodeTimeIdCursor, toPage } from '../shared/pagination.js';
import {
  decideChange,
  findPendingChange,
  listPendingChanges,
  type ChangeKind,
  type ChangeStatus,
  type PendingChangeRow,
} from './pending-change-store.js';
import { pendingChangeView } from './pending-change-view.js';
import type { ChangeAppliers } from './approvals.js';

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

/**
 * Runs in the idempotency transaction of the approve request, so a retry replays the answer. The
 * change is applied by its kind's applier, which its owning component handed in.
 */
export async function approveChange({ app, actor, id, requestId }: Decider, appliers: ChangeAppliers, transaction: Transaction) {
  const change = await lockPending(app, id, transaction);
  if (change.requested_by === actor.userId) {
    throw forbidden(
      'A money-moving change must be approved by an administrator other than the one who requested it.',
      'four_eyes_required',
    );
  }
  const apply = appliers[change.kind];
  const result = await apply(
    app,
    { id: change.id, targetId: change.target_id, payload: change.payload, approver: actor, requestId },
    transaction,
  );
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

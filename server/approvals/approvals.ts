// Asking for a money-moving change: the flows that move money (parameter versions, budget
// funding, statement payments) validate the request and then store it here instead of applying
// it. The request is audited with its payload; a second administrator applies it on approval
// (approval-service.ts). Answered with 202 Accepted: nothing has moved yet.
// The public module of the approvals component: the flows ask for approval through it.
import type { Sequelize, Transaction } from 'sequelize';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict } from '../errors.js';
import type { Reply } from '../http/route.js';
import { insertPendingChange, type ChangeKind } from './pending-change-store.js';
import { pendingChangeView } from './pending-change-view.js';

export type ChangeRequest = {
  kind: ChangeKind;
  targetId: string;
  /** What the approval applies, already validated against the state at request time. */
  payload: Record<string, unknown>;
  actor: Principal;
  requestId: string | undefined;
};

export async function requestChange(sequelize: Sequelize, request: ChangeRequest, transaction: Transaction): Promise<Reply> {
  const row = await insertPendingChange(
    sequelize,
    { kind: request.kind, targetId: request.targetId, payload: request.payload, requestedBy: request.actor.userId },
    transaction,
  );
  if (!row) {
    throw conflict(
      'change_pending',
      `A change of ${request.targetId} of this kind is already waiting for approval; approve, reject or withdraw it first.`,
    );
  }
  const view = pendingChangeView(row);
  await recordAudit(sequelize, transaction, {
    actor: request.actor,
    action: 'pending_change.requested',
    entityType: 'pending_change',
    entityId: row.id,
    before: null,
    after: view,
    requestId: request.requestId,
  });
  return { status: 202, body: view };
}

// The approvals component as the other components use it. A flow that moves money (parameter
// versions, budget funding, statement payments) validates the request and then asks for approval
// here instead of applying it: the request is stored and audited with its payload, and the flow
// answers with the pending change (its route renders 202 Accepted: nothing has moved yet).
// Approvals knows the kinds of change, not how to apply them: the component that owns a kind
// hands in its applier (server/routes.ts wires them), so approvals depends on none of them.
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict } from '../errors.js';
import { findOpenChange, insertPendingChange, type ChangeKind } from './pending-change-store.js';
import { pendingChangeView, type PendingChangeView } from './pending-change-view.js';

export type { ChangeKind };
export type PendingChange = PendingChangeView;
export { pendingChangeResponse } from './approval-response-schemas.js';
/** Listing, reading and deciding changes, as the /v1/pending-changes routes and the administrator's portal do. */
export { approveChange, listChanges, readChange, rejectChange, withdrawChange } from './approval-service.js';
export { CHANGE_KINDS } from './pending-change-store.js';

/** What a money-moving request produced: applied at once, or stored as a change waiting for approval. */
export type Requested<T> = { applied: T; pending?: never } | { pending: PendingChange; applied?: never };

export type ChangeRequest = {
  kind: ChangeKind;
  targetId: string;
  /** What the approval applies, already validated against the state at request time. */
  payload: Record<string, unknown>;
  actor: Principal;
  requestId: string | undefined;
};

/** An approved change as its owner applies it: by the approver, in the approval's transaction. */
export type ApprovedChange = { id: string; targetId: string; payload: Record<string, unknown>; approver: Principal; requestId: string };

/**
 * Applies an approved change as its flow would on a direct request, checked again against the
 * state of now; returns what it produced (stored as the change's result).
 */
export type ChangeApplier = (app: AppContext, change: ApprovedChange, transaction: Transaction) => Promise<Record<string, unknown>>;

/** One applier per kind, from the components that own the kinds. */
export type ChangeAppliers = Record<ChangeKind, ChangeApplier>;

export async function requestChange(sequelize: Sequelize, request: ChangeRequest, transaction: Transaction): Promise<PendingChange> {
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
  return view;
}

/** The change of `kind` on `targetId` still waiting for a second administrator (e.g. a statement's payment), if any. */
export async function openChangeOf(sequelize: Sequelize, kind: ChangeKind, targetId: string): Promise<PendingChange | undefined> {
  const row = await findOpenChange(sequelize, kind, targetId);
  return row && pendingChangeView(row);
}

// A pending change as the API shows it (GET /v1/pending-changes, and the 202 of a request).
import type { PendingChangeRow } from './pending-change-store.js';

export function pendingChangeView(row: PendingChangeRow) {
  return {
    id: row.id,
    kind: row.kind,
    targetId: row.target_id,
    payload: row.payload,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.reason,
    /** What the approval produced: the parameter version, ledger transaction or paid statement. */
    result: row.result,
  };
}

export type PendingChangeView = ReturnType<typeof pendingChangeView>;

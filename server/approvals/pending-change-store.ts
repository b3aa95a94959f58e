// Pending changes (migration 13): money-moving requests waiting for a second administrator.
// Their times are the database's wall clock in whole milliseconds, like the audit log's: the
// order of the list is the order of the requests, and a page's cursor holds the time exactly.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows, uniqueViolationOf } from '../db/database.js';

export const CHANGE_KINDS = ['programme_parameters', 'budget_funding', 'statement_payment', 'programme_opening', 'account_top_up'] as const;
export const CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export type PendingChangeRow = {
  id: string;
  kind: ChangeKind;
  target_id: string;
  payload: Record<string, unknown>;
  requested_by: string;
  requested_at: Date;
  status: ChangeStatus;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  result: Record<string, unknown> | null;
};

const NOW = `date_trunc('milliseconds', clock_timestamp())`;
const COLUMNS = `id, kind, target_id, payload, requested_by, requested_at, status, decided_by, decided_at, reason, result`;

/** Undefined when another change for the same statement or parameter date is still pending. */
export async function insertPendingChange(
  sequelize: Sequelize,
  change: { kind: ChangeKind; targetId: string; payload: Record<string, unknown>; requestedBy: string },
  transaction: Transaction,
): Promise<PendingChangeRow | undefined> {
  try {
    // A savepoint, so a refused insert leaves the caller's transaction usable for its answer.
    return await sequelize.transaction({ transaction }, async (savepoint) => {
      const [row] = await queryRows<PendingChangeRow>(
        sequelize,
        `INSERT INTO pending_changes (kind, target_id, payload, requested_by, requested_at) VALUES ($1, $2, $3::jsonb, $4, ${NOW}) RETURNING ${COLUMNS}`,
        [change.kind, change.targetId, JSON.stringify(change.payload), change.requestedBy],
        { transaction: savepoint },
      );
      return row;
    });
  } catch (error) {
    if (uniqueViolationOf(error) === 'pending_changes_one_open_idx') return undefined;
    throw error;
  }
}

export async function findPendingChange(sequelize: Sequelize, id: string, options: { transaction?: Transaction; lock?: boolean } = {}) {
  const [row] = await queryRows<PendingChangeRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM pending_changes WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
    { transaction: options.transaction },
  );
  return row;
}

/** Newest first; `after` is the last row's [requested_at, id] of the previous page. */
export async function listPendingChanges(
  sequelize: Sequelize,
  filter: { status: ChangeStatus | undefined; kind: ChangeKind | undefined; after: [string, string] | undefined; limit: number },
): Promise<PendingChangeRow[]> {
  return queryRows<PendingChangeRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM pending_changes
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
       AND ($3::timestamptz IS NULL OR (requested_at, id) < ($3::timestamptz, $4::uuid))
     ORDER BY requested_at DESC, id DESC LIMIT $5`,
    [filter.status ?? null, filter.kind ?? null, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit],
  );
}

export async function decideChange(
  sequelize: Sequelize,
  decision: {
    id: string;
    status: Exclude<ChangeStatus, 'pending'>;
    by: string;
    reason: string | null;
    result: Record<string, unknown> | null;
  },
  transaction: Transaction,
): Promise<PendingChangeRow> {
  const [row] = await queryRows<PendingChangeRow>(
    sequelize,
    `UPDATE pending_changes SET status = $2, decided_by = $3, decided_at = ${NOW}, reason = $4, result = $5::jsonb
     WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
    [decision.id, decision.status, decision.by, decision.reason, decision.result === null ? null : JSON.stringify(decision.result)],
    { transaction },
  );
  if (!row) throw new Error(`pending change ${decision.id} was decided while locked`);
  return row;
}

/** The change of this kind and target still waiting for a decision, if any (newest first). */
export async function findOpenChange(sequelize: Sequelize, kind: ChangeKind, targetId: string) {
  const [row] = await queryRows<PendingChangeRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM pending_changes WHERE kind = $1 AND target_id = $2 AND status = 'pending' ORDER BY requested_at DESC LIMIT 1`,
    [kind, targetId],
  );
  return row;
}

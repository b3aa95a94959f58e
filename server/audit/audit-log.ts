// Every administrative change is written here in the same transaction as the change itself:
// who, when, what, and the state before and after. The table is append-only in the database.
import type { Sequelize, Transaction } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';
import { auditRows, insertAuditRow, type AuditFilter } from './audit-store.js';

export type AuditEntry = {
  actor: Pick<Principal, 'userId' | 'role'> | { userId: null; role: 'system' | 'payment_provider' };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId?: string;
};

export async function recordAudit(sequelize: Sequelize, transaction: Transaction, entry: AuditEntry) {
  await insertAuditRow(
    sequelize,
    {
      actor_id: entry.actor.userId,
      actor_role: entry.actor.role,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before,
      after: entry.after,
      request_id: entry.requestId ?? null,
    },
    transaction,
  );
}

export type AuditView = {
  id: string;
  at: string;
  actor: { id: string | null; role: string };
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
};

/** One page of the log, newest first (`cursor` from the previous page). */
export async function auditLogPage(
  sequelize: Sequelize,
  filter: AuditFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await auditRows(sequelize, filter, { beforeId: after?.[0] ?? null, limit: page.limit + 1 });
  return toPage(
    rows,
    page.limit,
    (row) => [row.id],
    (row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: { id: row.actor_id, role: row.actor_role },
      action: row.action,
      entity: { type: row.entity_type, id: row.entity_id },
      before: row.before,
      after: row.after,
      requestId: row.request_id,
    }),
  );
}

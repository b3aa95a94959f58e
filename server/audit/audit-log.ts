// Every administrative change is written here in the same transaction as the change itself:
// who, when, what, and the state before and after. The table is append-only in the database.
import type { Sequelize, Transaction } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';
import { auditRows, insertAuditRow, type AuditFilter, type AuditRowWithActor } from './audit-store.js';

export type { AuditFilter } from './audit-store.js';

export type AuditEntry = {
  actor: Pick<Principal, 'userId' | 'role' | 'assistedBy'> | { userId: null; role: 'system' | 'payment_provider' };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId?: string;
};

/**
 * Writes one entry. An administrator acting for a citizen at the counter (a principal with
 * `assistedBy`) is recorded as the actor, on behalf of the citizen's login.
 */
export async function recordAudit(sequelize: Sequelize, transaction: Transaction, entry: AuditEntry) {
  const assisted = 'assistedBy' in entry.actor ? entry.actor.assistedBy : undefined;
  await insertAuditRow(
    sequelize,
    {
      actor_id: assisted ? assisted.userId : entry.actor.userId,
      actor_role: assisted ? 'admin' : entry.actor.role,
      on_behalf_of: assisted ? entry.actor.userId : null,
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
  actor: { id: string | null; role: string; email: string | null };
  /** The citizen's login the actor acted for at the counter (assisted digital). */
  onBehalfOf: { id: string; email: string | null } | null;
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
};

const auditView = (row: AuditRowWithActor): AuditView => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: { id: row.actor_id, role: row.actor_role, email: row.actor_email },
  onBehalfOf: row.on_behalf_of ? { id: row.on_behalf_of, email: row.on_behalf_of_email } : null,
  action: row.action,
  entity: { type: row.entity_type, id: row.entity_id },
  before: row.before,
  after: row.after,
  requestId: row.request_id,
});

/** One page of the log, newest first (`cursor` from the previous page). */
export async function auditLogPage(
  sequelize: Sequelize,
  filter: AuditFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await auditRows(sequelize, filter, { beforeId: after?.[0] ?? null, limit: page.limit + 1 });
  return toPage(rows, page.limit, (row) => [row.id], auditView);
}

/**
 * A page of the log for people, newest first, that pages both ways: the entries older than entry
 * `before`, or those just newer than entry `after` (ids as the previous page showed them).
 * `newer`/`older`: whether there is a page that way.
 */
export async function auditTrailPage(
  sequelize: Sequelize,
  filter: AuditFilter,
  page: { limit: number; before?: string | undefined; after?: string | undefined },
): Promise<{ items: AuditView[]; newer: boolean; older: boolean }> {
  if (page.after !== undefined) {
    const rows = await auditRows(sequelize, filter, { beforeId: null, afterId: page.after, limit: page.limit + 1 });
    const newer = rows.length > page.limit;
    // The rows come newest first: the extra one, when there is one, is the newest.
    return { items: (newer ? rows.slice(1) : rows).map(auditView), newer, older: true };
  }
  const rows = await auditRows(sequelize, filter, { beforeId: page.before ?? null, limit: page.limit + 1 });
  return { items: rows.slice(0, page.limit).map(auditView), newer: page.before !== undefined, older: rows.length > page.limit };
}

/** Every entry matching the filter, newest first, read `batch` at a time (for an export). */
export async function* auditEntries(sequelize: Sequelize, filter: AuditFilter, batch = 500): AsyncGenerator<AuditView> {
  let beforeId: string | null = null;
  for (;;) {
    const rows = await auditRows(sequelize, filter, { beforeId, limit: batch });
    for (const row of rows) yield auditView(row);
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    beforeId = last.id;
  }
}

// Data access for the audit log: an append-only table (the database refuses updates and deletes).
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type AuditRow = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
};

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export async function insertAuditRow(sequelize: Sequelize, row: NewAuditRow, transaction: Transaction): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [
      row.actor_id,
      row.actor_role,
      row.action,
      row.entity_type,
      row.entity_id,
      row.before === undefined ? null : JSON.stringify(row.before),
      row.after === undefined ? null : JSON.stringify(row.after),
      row.request_id,
    ],
    { transaction },
  );
}

export type AuditFilter = { entityType?: string | undefined; entityId?: string | undefined; actorId?: string | undefined };

/** Up to `limit` rows matching the filter, newest first, those before id `beforeId` when given. */
export function auditRows(
  sequelize: Sequelize,
  filter: AuditFilter,
  page: { beforeId: string | null; limit: number },
): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    sequelize,
    `SELECT * FROM audit_log
     WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR entity_type = $2)
       AND ($3::text IS NULL OR entity_id = $3) AND ($4::uuid IS NULL OR actor_id = $4)
     ORDER BY id DESC LIMIT $5`,
    [page.beforeId, filter.entityType ?? null, filter.entityId ?? null, filter.actorId ?? null, page.limit],
  );
}

// Every administrative change is written here in the same transaction as the change itself:
// who, when, what, and the state before and after. The table is append-only in the database.
import type { Sequelize, Transaction } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { queryRows } from '../db/database.js';

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
  await queryRows(
    sequelize,
    `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [
      entry.actor.userId,
      entry.actor.role,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.requestId ?? null,
    ],
    { transaction },
  );
}

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
  /** The citizen's login an administrator acted for at the counter (assisted digital), else null. */
  on_behalf_of: string | null;
};

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export async function insertAuditRow(sequelize: Sequelize, row: NewAuditRow, transaction: Transaction): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, on_behalf_of)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
    [
      row.actor_id,
      row.actor_role,
      row.action,
      row.entity_type,
      row.entity_id,
      row.before === undefined ? null : JSON.stringify(row.before),
      row.after === undefined ? null : JSON.stringify(row.after),
      row.request_id,
      row.on_behalf_of,
    ],
    { transaction },
  );
}

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** The actor's e-mail address, lower case (users' e-mails are stored so). */
  actorEmail?: string | undefined;
  action?: string | undefined;
  /** Calendar days (UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /**
   * Only what concerns this centre: what its staff did, and what anyone did to the centre, its
   * staff logins, accreditations, courses or statements. Nothing of another centre can match:
   * a staff login belongs to one centre for good.
   */
  centreId?: string | undefined;
};

/** An entry with the actor's e-mail address (null for the system, or a user no longer known). */
export type AuditRowWithActor = AuditRow & { actor_email: string | null; on_behalf_of_email: string | null };

/**
 * Up to `limit` rows matching the filter, newest first: those older than id `beforeId`, or, with
 * `afterId`, the `limit` rows just newer than it (the page before, when paging back).
 */
export async function auditRows(
  sequelize: Sequelize,
  filter: AuditFilter,
  page: { beforeId: string | null; afterId?: string | null; limit: number },
): Promise<AuditRowWithActor[]> {
  const newer = (page.afterId ?? null) !== null;
  const rows = await queryRows<AuditRowWithActor>(
    sequelize,
    `SELECT a.*, u.email AS actor_email, b.email AS on_behalf_of_email
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN users b ON b.id = a.on_behalf_of
     WHERE ($1::bigint IS NULL OR a.id < $1) AND ($2::bigint IS NULL OR a.id > $2)
       AND ($3::text IS NULL OR a.entity_type = $3) AND ($4::text IS NULL OR a.entity_id = $4)
       AND ($5::uuid IS NULL OR a.actor_id = $5)
       -- The e-mail's user first, then their entries by the actor index (migration 43): filtered
       -- through the join, the planner read the whole log backwards for an actor who rarely acts.
       AND ($6::text IS NULL OR a.actor_id = (SELECT id FROM users WHERE email = $6))
       AND ($7::text IS NULL OR a.action = $7)
       AND ($8::date IS NULL OR a.at >= ($8::date)::timestamp AT TIME ZONE 'UTC')
       AND ($9::date IS NULL OR a.at < ($9::date + 1)::timestamp AT TIME ZONE 'UTC')
       AND ($10::uuid IS NULL OR (u.role = 'centre' AND u.centre_id = $10)
         OR (a.entity_type = 'centre' AND a.entity_id = $10::text)
         OR (a.entity_type = 'user' AND a.entity_id IN (SELECT id::text FROM users WHERE role = 'centre' AND centre_id = $10))
         OR (a.entity_type = 'accreditation' AND a.entity_id IN (SELECT id::text FROM accreditations WHERE centre_id = $10))
         OR (a.entity_type = 'course' AND a.entity_id IN (SELECT id::text FROM courses WHERE centre_id = $10))
         OR (a.entity_type = 'statement' AND a.entity_id IN (SELECT id::text FROM statements WHERE centre_id = $10)))
     ORDER BY a.id ${newer ? 'ASC' : 'DESC'} LIMIT $11`,
    [
      page.beforeId,
      page.afterId ?? null,
      filter.entityType ?? null,
      filter.entityId ?? null,
      filter.actorId ?? null,
      filter.actorEmail ?? null,
      filter.action ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.centreId ?? null,
      page.limit,
    ],
  );
  return newer ? rows.reverse() : rows;
}

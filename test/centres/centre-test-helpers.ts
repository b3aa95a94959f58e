// Small helpers shared by the centres tests: row counts (to prove a refused request wrote
// nothing), the audit trail of one entity, and accreditations in states the factory does not make.
import { queryRows } from '../../server/db/database.js';
import type { Actor } from '../support/actors.js';
import type { Harness } from '../support/harness.js';

export async function countRows(h: Harness, table: 'centres' | 'users' | 'accreditations' | 'courses' | 'audit_log'): Promise<number> {
  const [row] = await queryRows<{ count: string }>(h.sequelize, `SELECT count(*) AS count FROM ${table}`);
  return Number(row!.count);
}

export type AuditItem = { action: string; actor: { id: string; role: string }; before: unknown; after: Record<string, unknown> | null };

export async function auditOf(h: Harness, reader: Actor, entityType: string, entityId: string): Promise<AuditItem[]> {
  const res = await h.http.get(`/v1/audit?entityType=${entityType}&entityId=${entityId}`).set(reader.auth).expect(200);
  return res.body.items as AuditItem[];
}

export async function insertAccreditation(
  h: Harness,
  row: {
    centreId: string;
    programme?: string;
    validFrom: string;
    validTo: string;
    status?: 'active' | 'suspended' | 'revoked';
    reapplyAfter?: string;
  },
): Promise<string> {
  const status = row.status ?? 'active';
  const [inserted] = await queryRows<{ id: string }>(
    h.sequelize,
    `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status, reason, reapply_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      row.centreId,
      row.programme ?? 'LBC',
      row.validFrom,
      row.validTo,
      status,
      status === 'active' ? null : `made ${status} by a test`,
      row.reapplyAfter ?? null,
    ],
  );
  return inserted!.id;
}

/** Every item of a paged list, following nextCursor. */
export async function allPages<T>(h: Harness, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const res = await h.http.get(`${path}${separator}limit=500${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

// Small helpers shared by the centres tests: the rows a refused request could have written,
// counted by the test's own keys (other files write to the same tables meanwhile, so a whole
// table's count proves nothing), the audit trail of one entity, and accreditations in states the
// factory does not make.
import { queryRows } from '../../server/db/database.js';
import type { Actor } from '../support/actors.js';
import type { Harness } from '../support/harness.js';

async function count(h: Harness, sql: string, bind: unknown[]): Promise<number> {
  const [row] = await queryRows<{ count: number }>(h.sequelize, `SELECT count(*)::integer AS count FROM ${sql}`, bind);
  return row!.count;
}

/** Centres registered under any of these enterprise numbers or e-mails. */
export const centresNamed = (h: Harness, keys: { enterpriseNumbers?: string[]; emails?: string[] }) =>
  count(h, 'centres WHERE enterprise_number = ANY($1) OR email = ANY($2)', [keys.enterpriseNumbers ?? [], keys.emails ?? []]);

/** Users with any of these e-mails (stored lower-cased), or staff of any of these centres. */
export const usersNamed = (h: Harness, keys: { emails?: string[]; centreIds?: string[] }) =>
  count(h, 'users WHERE email = ANY($1) OR centre_id = ANY($2)', [
    (keys.emails ?? []).map((email) => email.toLowerCase()),
    keys.centreIds ?? [],
  ]);

export const accreditationsOf = (h: Harness, centreId: string) => count(h, 'accreditations WHERE centre_id = $1', [centreId]);

export const coursesOf = (h: Harness, centreIds: string[]) => count(h, 'courses WHERE centre_id = ANY($1)', [centreIds]);

/** Audit entries written on behalf of this actor (each test makes its own administrator). */
export const auditsBy = (h: Harness, actor: Actor) => count(h, 'audit_log WHERE actor_id = $1', [actor.principal.userId]);

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

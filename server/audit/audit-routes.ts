import { z } from 'zod';
import { queryRows } from '../db/database.js';
import { defineRoute } from '../http/route.js';
import { decodeIdCursor, pageQuery, toPage } from '../shared/pagination.js';
import { STAFF_READERS } from '../auth/principal.js';
import { lineSchema } from '../http/schemas.js';

type AuditRow = {
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

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    tag: 'Operations',
    summary: 'The audit log of administrative changes, newest first',
    auth: STAFF_READERS,
    query: z
      .object({
        ...pageQuery,
        entityType: lineSchema(50).optional(),
        entityId: lineSchema(100).optional(),
        actorId: z.uuid().optional(),
      })
      .strict(),
    handle: async ({ app, query }) => {
      const after = decodeIdCursor(query.cursor);
      const rows = await queryRows<AuditRow>(
        app.sequelize,
        `SELECT * FROM audit_log
         WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR entity_type = $2)
           AND ($3::text IS NULL OR entity_id = $3) AND ($4::uuid IS NULL OR actor_id = $4)
         ORDER BY id DESC LIMIT $5`,
        [after?.[0] ?? null, query.entityType ?? null, query.entityId ?? null, query.actorId ?? null, query.limit + 1],
      );
      return toPage(
        rows,
        query.limit,
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
    },
  }),
];

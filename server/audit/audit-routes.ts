import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { STAFF_READERS } from '../auth/principal.js';
import { dateSchema, lineSchema } from '../http/schemas.js';
import { auditLogPage } from './audit-log.js';
import { auditPage } from './audit-response-schemas.js';

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    operationId: 'listAuditEntries',
    response: auditPage,
    tag: 'Operations',
    summary: 'The audit log of administrative changes, newest first',
    auth: STAFF_READERS,
    query: z
      .object({
        ...pageQuery,
        entityType: lineSchema(50).optional(),
        entityId: lineSchema(100).optional(),
        actorId: z.uuid().optional(),
        actorEmail: z.string().trim().toLowerCase().max(254).optional(),
        action: lineSchema(100).optional(),
        from: dateSchema.optional().describe('The first day (UTC) of entries to list'),
        to: dateSchema.optional().describe('The last day (UTC) of entries to list'),
      })
      .strict()
      .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'must not be before from' }),
    handle: ({ app, query }) =>
      auditLogPage(
        app.sequelize,
        {
          entityType: query.entityType,
          entityId: query.entityId,
          actorId: query.actorId,
          actorEmail: query.actorEmail,
          action: query.action,
          from: query.from,
          to: query.to,
        },
        { limit: query.limit, cursor: query.cursor },
      ),
  }),
];

import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { STAFF_READERS } from '../auth/principal.js';
import { lineSchema } from '../http/schemas.js';
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
      })
      .strict(),
    handle: ({ app, query }) =>
      auditLogPage(
        app.sequelize,
        { entityType: query.entityType, entityId: query.entityId, actorId: query.actorId },
        { limit: query.limit, cursor: query.cursor },
      ),
  }),
];

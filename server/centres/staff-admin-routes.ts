// The service's administrators name a centre's own administrator (issue 17, journey 6): the staff
// login that adds and disables that centre's staff in the centre portal.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { staffResponse } from './centre-response-schemas.js';
import { setCentreAdmin } from './staff-service.js';

const params = z.object({ id: z.uuid('must be a UUID'), userId: z.uuid('must be a UUID') }).strict();

export const staffAdminRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/centres/:id/staff/:userId/centre-admin',
    operationId: 'setCentreAdmin',
    response: staffResponse.extend({ centreAdmin: z.boolean() }),
    tag: 'Centres',
    summary: "Mark a staff login as its centre's administrator (or no longer): it adds and disables the centre's staff",
    auth: ['admin'],
    params,
    body: z.object({ centreAdmin: z.boolean() }).strict(),
    errors: [400, 404],
    handle: ({ app, params, body, principal, requestId }) =>
      setCentreAdmin(app, principal, { centreId: params.id, userId: params.userId, centreAdmin: body.centreAdmin, requestId }),
  }),
];

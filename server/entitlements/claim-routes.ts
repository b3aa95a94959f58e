// Claiming a programme's right: LBC grants an entitlement of hours; ITA turns a course into an
// application (the ITA flow lives in server/applications). Idempotent: the router claims the
// key and runs the whole claim in its transaction.
import { z } from 'zod';
import { claimItaApplication } from '../applications/application-claim.js';
import { invalidField, notFound } from '../errors.js';
import { defineRoute } from '../http/route.js';
import { programmeCodeSchema } from '../http/schemas.js';
import { claimLbc } from './lbc-grant.js';

const claimBody = z.object({ courseId: z.string().min(1).max(100).optional() }).strict();

export const claimRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/claims',
    tag: 'Eligibility and claims',
    summary: 'Claim the right of a programme (LBC: body {}; ITA: { courseId }): eligibility is decided and the right granted in one step',
    auth: ['citizen'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: claimBody,
    idempotent: true,
    status: 201,
    errors: [400, 404, 409, 422],
    handle: async ({ app, params, body, principal, transaction, language, requestId }) => {
      if (!transaction) throw new Error('claims run in the idempotency transaction');
      const instance = `/v1/programmes/${params.code}/claims`;
      if (params.code === 'LBC') {
        if (body.courseId !== undefined) throw invalidField('/courseId', 'is not part of an LBC claim');
        return claimLbc(app, { principal, transaction, language, instance });
      }
      if (params.code === 'ITA') {
        if (body.courseId === undefined) throw invalidField('/courseId', 'is required for an ITA claim');
        // Answers its own reply: 201 with the application, or 422 not_eligible (kept decision).
        return claimItaApplication(app, { principal, courseId: body.courseId, transaction, language, requestId, instance });
      }
      throw notFound(`Programme ${params.code}`);
    },
  }),
];

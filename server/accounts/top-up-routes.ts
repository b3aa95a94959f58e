// POST /v1/programmes/:code/top-ups: an administrator records money a funder paid into a
// citizen's account (an accruing account programme), or, above BUDGET_FUNDING_APPROVAL_THRESHOLD,
// asks a second administrator to.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { amountSchema, dateSchema, programmeCodeSchema, textSchema } from '../http/schemas.js';
import { FUNDER_TYPES } from './top-up-store.js';
import { topUpOrRequest } from './top-up-service.js';
import { pendingChangeResponse } from '../approvals/approvals.js';
import { topUpResponse } from './account-response-schemas.js';

export const topUpRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/top-ups',
    operationId: 'topUpAccount',
    problemCodes: { 404: ['not_found'], 409: ['account_not_open', 'not_an_account_programme', 'budget_exhausted', 'change_pending'] },
    response: topUpResponse,
    otherSuccesses: { 202: pendingChangeResponse },
    tag: 'Programmes',
    summary:
      "Record a top-up a funder (employer, sector fund, region) paid into a citizen's account, optionally tied to a course and a deadline: 201 credited; 202 a pending change above BUDGET_FUNDING_APPROVAL_THRESHOLD, credited once a second administrator approves it; 409 account_not_open before the citizen's first claim",
    auth: ['admin'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: z
      .object({
        citizenId: z.uuid('must be a UUID'),
        amount: amountSchema,
        funder: z.object({ type: z.enum(FUNDER_TYPES), name: textSchema(150) }).strict(),
        courseId: z.uuid('must be a UUID').optional(),
        deadline: dateSchema.optional(),
        note: textSchema(500).optional(),
      })
      .strict(),
    idempotent: true,
    status: 201,
    errors: [400, 404, 409, 422],
    handle: async ({ app, params, body, principal, transaction, requestId }) => {
      if (!transaction) throw new Error('a top-up runs in the idempotency transaction');
      const credited = await topUpOrRequest(
        app,
        {
          code: params.code,
          ...body,
          courseId: body.courseId,
          deadline: body.deadline,
          note: body.note ?? '',
          actor: principal,
          requestId,
        },
        transaction,
      );
      return credited.pending ? { status: 202, body: credited.pending } : credited.applied;
    },
  }),
];

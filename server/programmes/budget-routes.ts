// POST /v1/programmes/:code/budget: an administrator adds funds to a programme's budget, or,
// beyond BUDGET_FUNDING_APPROVAL_THRESHOLD funded on one signature in 24 hours, asks a second
// administrator to.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { amountSchema, programmeCodeSchema, textSchema } from '../http/schemas.js';
import { fundOrRequest } from './budget-service.js';
import { pendingChangeResponse } from '../approvals/approvals.js';
import { fundingResponse } from './programme-response-schemas.js';

export const budgetRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/budget',
    operationId: 'fundBudget',
    response: fundingResponse,
    otherSuccesses: { 202: pendingChangeResponse },
    tag: 'Programmes',
    summary:
      "Add funds to a programme's budget (in the programme's currency): 201 funded; 202 a pending change when it would take what administrators funded on the programme alone in the last 24 hours over BUDGET_FUNDING_APPROVAL_THRESHOLD, funded once a second administrator approves it",
    auth: ['admin'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: z.object({ amount: amountSchema, note: textSchema(500) }).strict(),
    idempotent: true,
    status: 201,
    errors: [400, 404, 422],
    handle: async ({ app, params, body, principal, transaction, headers, requestId }) => {
      if (!transaction) throw new Error('funding runs in the idempotency transaction');
      const funded = await fundOrRequest(
        app,
        {
          code: params.code,
          amount: body.amount,
          note: body.note,
          businessDate: app.clock.today(),
          actor: principal,
          // The router already replays HTTP retries; the ledger key guards the posting itself.
          idempotencyKey: `budget-fund:${principal.userId}:${[headers['idempotency-key']].flat()[0] ?? ''}`,
          requestId,
        },
        transaction,
      );
      return funded.pending ? { status: 202, body: funded.pending } : funded.applied;
    },
  }),
];

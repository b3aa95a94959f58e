// POST /v1/programmes/:code/claims: the right of any programme, claimed by its kind's flow (claim-flows.ts).
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { programmeCodeSchema } from '../http/schemas.js';
import { CLAIM_EXAMPLES } from './claim-examples.js';
import { claimRight } from './claim-flows.js';
import { claimEnteredResponse, claimResponse } from './claim-response-schemas.js';

const claimBody = z.object({ courseId: z.string().min(1).max(100).optional() }).strict();

export const claimRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/claims',
    operationId: 'claimRight',
    problemCodes: {
      404: ['not_found'],
      409: [
        'claims_not_open',
        'budget_exhausted',
        'application_exists',
        'account_empty',
        'no_credit_left',
        'already_entered',
        'no_open_window',
        'course_grants_exhausted',
      ],
      422: ['not_eligible', 'course_not_fundable', 'centre_not_accredited', 'no_ruleset_in_force'],
    },
    response: claimResponse,
    examples: CLAIM_EXAMPLES,
    otherSuccesses: { 202: claimEnteredResponse },
    tag: 'Eligibility and claims',
    summary:
      'Claim the right of a programme (an hours voucher such as LBC: body {}; a course grant such as ITA: { courseId }): eligibility is decided and the right granted in one step; 409 claims_not_open for a kind this service does not take claims for yet',
    auth: ['citizen'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: claimBody,
    idempotent: true,
    claimsInStatement: true,
    status: 201,
    errors: [400, 404, 409, 422],
    handle: ({ app, params, body, principal, claim, language }) => {
      if (!claim) throw new Error('a claim hands its idempotency key to its flow');
      return claimRight({ app, code: params.code, principal, language, claim, body });
    },
  }),
];

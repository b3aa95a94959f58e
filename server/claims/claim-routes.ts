// POST /v1/programmes/:code/claims: the right of any programme, claimed by its kind's flow (claim-flows.ts).
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { programmeCodeSchema } from '../http/schemas.js';
import { claimRight } from './claim-flows.js';
import { claimEnteredResponse, claimResponse } from './claim-response-schemas.js';

const claimBody = z.object({ courseId: z.string().min(1).max(100).optional() }).strict();

// An hours_voucher claim (LBC, body {}) granted: the right, the money it commits and the decision.
const HOURS_CLAIM_EXAMPLE = {
  id: '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b',
  programme: 'LBC',
  periodStart: '2026-02-24',
  periodEnd: '2032-02-23',
  status: 'active',
  decisionId: '7e1a3c5b-9d2f-4a68-b0c4-3f5e7a9c1b82',
  grantTransactionId: '4402',
  balance: { granted: '7.00', reserved: '0.00', used: '0.00', available: '7.00', unit: 'HOUR' },
  committed: { amount: '981.79', currency: 'EUR' },
  decision: {
    eligible: true,
    programme: 'LBC',
    referenceDate: '2026-02-24',
    ruleSet: { id: '0b7e3f52-6c1d-4a8e-9f20-7d5c4b3a2e11', version: 3 },
    reasons: [],
    nextEligibleOn: null,
    decisionId: '7e1a3c5b-9d2f-4a68-b0c4-3f5e7a9c1b82',
    citizenId: '5f0c6d3e-8a41-4c55-9d7b-2f4e1a9b3c60',
    createdAt: '2026-02-24T17:58:40.102Z',
  },
};

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
    example: { request: {}, response: HOURS_CLAIM_EXAMPLE },
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

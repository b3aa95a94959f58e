// Course grant applications (ITA, STAP ...; docs/design/api.md). The claim that creates one is
// POST /v1/programmes/{code}/claims (server/claims); these are the steps after it.
import { z } from 'zod';
import { dateSchema } from '../http/schemas.js';
import { defineRoute } from '../http/route.js';
import { cancelApplication } from './application-cancel.js';
import { claimApplicationFunding, verifyApplication } from './application-provider.js';
import { readApplication } from './application-read.js';
import { refuseApplication } from './application-refuse.js';
import { applicationResponse } from './application-response-schemas.js';

// An ITA application as the provider verified it, and as claimed once the course started, for the document.
const VERIFIED_EXAMPLE = {
  reference: 'ITA-4821730956',
  status: 'verified',
  applicant: { name: 'An Peeters' },
  course: {
    id: '2c9e4b71-8d3a-4f5e-b6a0-7e1d9c3b5f24',
    title: 'Warehouse planning with SAP',
    qualification: 'Certificate',
    price: { amount: '1200.00', currency: 'GBP' },
  },
  provider: { id: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Leerhuis Gent' },
  fundedAmount: { amount: '200.00', currency: 'GBP' },
  learnerPart: { amount: '1000.00', currency: 'GBP' },
  accountYear: 2026,
  entitlementId: '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b',
  appliedOn: '2026-03-02',
  verifyBy: '2026-03-16',
  verifiedAt: '2026-03-04T10:20:00.000Z',
  claim: null,
  closedAt: null,
  refusal: null,
  createdAt: '2026-03-02T18:41:09.000Z',
};
const CLAIMED_EXAMPLE = {
  ...VERIFIED_EXAMPLE,
  status: 'claimed',
  claim: {
    amount: { amount: '200.00', currency: 'GBP' },
    courseStartDate: '2026-04-13',
    claimedAt: '2026-04-13T08:05:00.000Z',
    transactionId: '5233',
  },
};

// Kept loose on purpose: a malformed reference or centre id answers the same 404 as an unknown one.
const reference = z.string().min(1).max(64);
const referenceParams = z.object({ reference }).strict();
const centreParams = z.object({ centreId: z.string().min(1).max(64), reference }).strict();

export const applicationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/applications/:reference',
    operationId: 'getApplication',
    response: applicationResponse,
    tag: 'Applications',
    summary: 'One course grant application (the applicant, staff readers, or the provider it names)',
    auth: ['citizen', 'centre', 'admin', 'auditor'],
    params: referenceParams,
    errors: [404],
    handle: async ({ app, params, principal }) => readApplication(app, principal, params.reference),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/:reference/cancel',
    operationId: 'cancelApplication',
    response: applicationResponse,
    problemCodes: {
      404: ['not_found'],
      409: ['application_claimed', 'application_lapsed', 'application_cancelled', 'application_refused'],
    },
    tag: 'Applications',
    summary: 'Cancel an application before it is claimed: the hold is released and the funding returns',
    auth: ['citizen'],
    params: referenceParams,
    errors: [404, 409],
    handle: async ({ app, params, principal, requestId }) => cancelApplication(app, { principal, reference: params.reference, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/applications/:reference/verify',
    operationId: 'verifyApplication',
    response: applicationResponse,
    example: { response: VERIFIED_EXAMPLE },
    problemCodes: {
      404: ['not_found'],
      409: ['verification_deadline_passed', 'application_claimed', 'application_lapsed', 'application_cancelled', 'application_refused'],
      422: ['centre_not_accredited'],
    },
    tag: 'Applications',
    summary: "The provider confirms the applicant's evidence within the deadline: funding guaranteed",
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreParams,
    errors: [404, 409, 422],
    handle: async ({ app, params, principal, requestId }) =>
      verifyApplication(app, { principal, centreId: params.centreId, reference: params.reference, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/applications/:reference/claim',
    operationId: 'claimApplicationFunding',
    response: applicationResponse,
    example: { request: { courseStartDate: '2026-04-13' }, response: CLAIMED_EXAMPLE },
    problemCodes: {
      404: ['not_found'],
      409: [
        'course_not_started',
        'application_not_verified',
        'application_claimed',
        'application_lapsed',
        'application_cancelled',
        'application_refused',
      ],
      422: ['centre_not_accredited'],
    },
    tag: 'Applications',
    summary: 'The provider claims the funded amount of a verified application once the course has started (courseStartDate, default today)',
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreParams,
    // docs/design/api.md gives this call no body: without one, the course is taken to have started today.
    body: z.object({ courseStartDate: dateSchema.optional() }).strict().optional(),
    idempotent: true,
    errors: [400, 404, 409, 422],
    handle: async ({ app, params, body, principal, requestId, transaction }) =>
      claimApplicationFunding(app, {
        principal,
        centreId: params.centreId,
        reference: params.reference,
        courseStartDate: body?.courseStartDate,
        requestId,
        transaction,
      }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/applications/:reference/refuse',
    operationId: 'refuseApplication',
    response: applicationResponse,
    problemCodes: {
      404: ['not_found'],
      409: ['application_claimed', 'application_lapsed', 'application_cancelled', 'application_refused'],
    },
    tag: 'Applications',
    summary:
      'The provider refuses an application before claiming it, with a reason the citizen is shown: the hold is released and the funding returns',
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreParams,
    body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    errors: [400, 404, 409],
    handle: async ({ app, params, body, principal, requestId }) =>
      refuseApplication(app, { principal, centreId: params.centreId, reference: params.reference, reason: body.reason, requestId }),
  }),
];

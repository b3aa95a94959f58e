// Administrators see disputed sessions and resolve them; an upheld dispute reverses the session.
import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { pageQuery } from '../shared/pagination.js';
import { defineRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { resolveDispute } from './dispute-service.js';
import { disputeDetailJson, readDispute } from './dispute-read.js';
import { listDisputes } from './voucher-read.js';
import { resolutionBody } from './voucher-schemas.js';
import { disputeDetailResponse, disputePage, disputeResolvedResponse } from './voucher-response-schemas.js';

export const disputeRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/disputes',
    operationId: 'listDisputes',
    response: disputePage,
    tag: 'Loopbaancheques (vouchers)',
    summary: 'Disputed sessions, newest first (?status=open|upheld|rejected)',
    auth: STAFF_READERS,
    query: z.object({ ...pageQuery, status: z.enum(['open', 'upheld', 'rejected']).optional() }).strict(),
    handle: ({ app, query }) => listDisputes(app, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/disputes/:id',
    operationId: 'getDispute',
    response: disputeDetailResponse,
    tag: 'Loopbaancheques (vouchers)',
    summary: 'A dispute with its session, and once decided the ledger transactions the decision made (reversal, release, clawback)',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params }) => disputeDetailJson(await readDispute(app, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/disputes/:id/resolution',
    operationId: 'resolveDispute',
    problemCodes: { 404: ['not_found'], 409: ['dispute_resolved'] },
    response: disputeResolvedResponse,
    tag: 'Loopbaancheques (vouchers)',
    summary: 'Resolve a dispute: upheld reverses the session in the ledger (hours back), rejected keeps it',
    auth: ['admin'],
    params: idParams,
    body: resolutionBody,
    errors: [404, 409],
    handle: ({ app, principal, params, body, requestId }) =>
      resolveDispute(app, { principal, disputeId: params.id, decision: body.decision, note: body.note, requestId }),
  }),
];

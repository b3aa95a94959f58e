// Pending money-moving changes: listed for approvers and auditors, approved or rejected by a
// second administrator, withdrawn by their requester.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams, textSchema } from '../http/schemas.js';
import { approveChange, listChanges, readChange, rejectChange, withdrawChange } from './approval-service.js';
import type { ChangeAppliers } from './approvals.js';
import { CHANGE_KINDS, CHANGE_STATUSES } from './pending-change-store.js';
import { pendingChangePage, pendingChangeResponse } from './approval-response-schemas.js';

const TAG = 'Approvals';
const READERS = ['admin', 'auditor'] as const;

/** `appliers`: how each kind of change is applied, from the components that own the kinds (server/routes.ts). */
export const approvalRoutes = (appliers: ChangeAppliers) => [
  defineRoute({
    method: 'get',
    path: '/v1/pending-changes',
    operationId: 'listPendingChanges',
    response: pendingChangePage,
    tag: TAG,
    summary: 'Money-moving changes (parameter versions that set amounts, large budget fundings, statement payments), newest first',
    auth: READERS,
    query: z.object({ status: z.enum(CHANGE_STATUSES).optional(), kind: z.enum(CHANGE_KINDS).optional(), ...pageQuery }).strict(),
    errors: [400],
    handle: ({ app, query }) => listChanges(app, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/pending-changes/:id',
    operationId: 'getPendingChange',
    response: pendingChangeResponse,
    tag: TAG,
    summary: 'One change with its payload, requester and decision',
    auth: READERS,
    params: idParams,
    errors: [404],
    handle: ({ app, params }) => readChange(app, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/pending-changes/:id/approve',
    operationId: 'approvePendingChange',
    problemCodes: {
      403: ['four_eyes_required'],
      404: ['not_found'],
      409: ['change_not_pending', 'budget_exhausted', 'programme_exists', 'reference_prefix_taken', 'parameters_exist', 'account_not_open'],
      422: ['effective_date_in_past', 'invalid_parameters'],
    },
    response: pendingChangeResponse,
    // A budget funding over the threshold, approved by a second administrator: its result is the ledger transaction.
    example: {
      response: {
        id: 'c5d8e2a1-4b7f-4e93-a6c0-8f1d3b5e7a29',
        kind: 'budget_funding',
        targetId: 'LBC',
        payload: { amount: { amount: '250000.00', currency: 'EUR' }, note: 'Q2 allocation' },
        status: 'approved',
        requestedBy: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
        requestedAt: '2026-03-30T14:02:11.000Z',
        decidedBy: '6f5e4d3c-2b1a-4c9d-8e7f-6a5b4c3d2e1f',
        decidedAt: '2026-03-31T08:45:37.000Z',
        reason: null,
        result: { transactionId: '5098' },
      },
    },
    tag: TAG,
    summary:
      'Approve and apply a change (an administrator other than its requester; 403 four_eyes_required otherwise); checked again against the state of now',
    auth: ['admin'],
    params: idParams,
    idempotent: true,
    errors: [403, 404, 409, 422],
    handle: ({ app, params, principal, transaction, requestId }) => {
      if (!transaction) throw new Error('approvals run in the idempotency transaction');
      return approveChange({ app, actor: principal, id: params.id, requestId }, appliers, transaction);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/pending-changes/:id/reject',
    operationId: 'rejectPendingChange',
    problemCodes: { 404: ['not_found'], 409: ['change_not_pending'] },
    response: pendingChangeResponse,
    tag: TAG,
    summary: 'Reject a change, with the reason: nothing is applied',
    auth: ['admin'],
    params: idParams,
    body: z.object({ reason: textSchema(1000) }).strict(),
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId }) => rejectChange({ app, actor: principal, id: params.id, requestId }, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/pending-changes/:id/withdraw',
    operationId: 'withdrawPendingChange',
    problemCodes: { 403: ['not_requester'], 404: ['not_found'], 409: ['change_not_pending'] },
    response: pendingChangeResponse,
    tag: TAG,
    summary: 'Withdraw a change of mine that no one has decided yet',
    auth: ['admin'],
    params: idParams,
    body: z
      .object({ reason: textSchema(1000).optional() })
      .strict()
      .optional(),
    errors: [403, 404, 409],
    handle: ({ app, params, body, principal, requestId }) =>
      withdrawChange({ app, actor: principal, id: params.id, requestId }, body?.reason ?? null),
  }),
];

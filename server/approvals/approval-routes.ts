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
    response: pendingChangeResponse,
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

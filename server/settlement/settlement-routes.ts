// Settlement: an administrator runs it per programme and period end, centres read their
// statements, an administrator asks for their payment and a second one approves it.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { dateSchema, idParams, programmeCodeSchema } from '../http/schemas.js';
import { runSettlement } from './settlement-service.js';
import { centreStatements, requestStatementPayment, statementOf } from './statement-service.js';
import { pendingChangeResponse } from '../approvals/approvals.js';
import { settlementRunResponse, statementPage, statementResponse } from './settlement-response-schemas.js';

const STATEMENT_READERS = ['centre', 'admin', 'auditor'] as const;

// A centre's statement for March: one guidance session of 1.5 hours at EUR 90 an hour.
const STATEMENT_EXAMPLE = {
  id: 'a41f7c93-5e2b-4d08-9c6a-1b3e5d7f9a20',
  runId: '3e8b1c47-2d6a-4f90-b5e3-9a7c1d2f4e68',
  programme: 'LBC',
  centreId: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  periodEnd: '2026-03-31',
  status: 'open',
  total: { amount: '135.00', currency: 'EUR' },
  carriedForward: { amount: '0.00', currency: 'EUR' },
  lines: [
    {
      id: '8812',
      source: { type: 'voucher_session', id: '6d4b2a19-7c3e-4f51-a8d0-2e9b6c4f1a37' },
      correction: false,
      serviceDate: '2026-03-05',
      description: 'Guidance session, cheque LBC-7K4M9Q2X8P',
      hours: { amount: '1.50', unit: 'HOUR' },
      rate: { amount: '90.00', currency: 'EUR' },
      amount: { amount: '135.00', currency: 'EUR' },
      clawback: null,
    },
  ],
  settleTransactionId: '5120',
  payTransactionId: null,
  paidAt: null,
  createdAt: '2026-04-01T06:00:00.000Z',
};

export const settlementRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/settlements',
    operationId: 'runSettlement',
    problemCodes: { 404: ['not_found'], 409: ['budget_exhausted'] },
    response: settlementRunResponse,
    example: {
      request: { programme: 'LBC', periodEnd: '2026-03-31' },
      response: {
        id: '3e8b1c47-2d6a-4f90-b5e3-9a7c1d2f4e68',
        programme: 'LBC',
        periodEnd: '2026-03-31',
        statements: [STATEMENT_EXAMPLE],
      },
    },
    tag: 'Settlement',
    summary:
      'Settle a programme up to a period end: one statement per centre of what is owed and not yet settled (409 budget_exhausted when a fee rise is more than the budget holds)',
    auth: ['admin'],
    body: z.object({ programme: programmeCodeSchema, periodEnd: dateSchema }).strict(),
    idempotent: true,
    status: 201,
    errors: [400, 404, 409, 422],
    handle: async ({ app, body, principal, transaction, requestId }) =>
      runSettlement(
        app.sequelize,
        { code: body.programme, periodEnd: body.periodEnd, businessDate: app.clock.today(), actor: principal, requestId },
        transaction,
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/centres/:id/statements',
    operationId: 'listStatements',
    response: statementPage,
    example: { response: { items: [STATEMENT_EXAMPLE], nextCursor: null } },
    tag: 'Settlement',
    summary: "A centre's statements with their lines, newest first",
    auth: STATEMENT_READERS,
    centreParam: 'id',
    params: idParams,
    query: z.object({ ...pageQuery }).strict(),
    errors: [400, 404],
    handle: async ({ app, params, query }) => centreStatements(app.sequelize, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/statements/:id',
    operationId: 'getStatement',
    response: statementResponse,
    example: { response: STATEMENT_EXAMPLE },
    tag: 'Settlement',
    summary: 'One statement with its lines',
    auth: STATEMENT_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params, principal }) => statementOf(app.sequelize, principal, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/statements/:id/payment',
    operationId: 'requestStatementPayment',
    problemCodes: { 404: ['not_found'], 409: ['statement_paid', 'change_pending'] },
    response: pendingChangeResponse,
    tag: 'Settlement',
    summary:
      "Ask for a statement's payment: 202 a pending change; once a second administrator approves it (POST /v1/pending-changes/{id}/approve) the centre's payable moves to paid",
    auth: ['admin'],
    params: idParams,
    idempotent: true,
    status: 202,
    errors: [404, 409],
    handle: async ({ app, params, principal, transaction, requestId }) => {
      if (!transaction) throw new Error('payment requests run in the idempotency transaction');
      return requestStatementPayment(app.sequelize, { statementId: params.id, actor: principal, requestId }, transaction);
    },
  }),
];

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

export const settlementRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/settlements',
    operationId: 'runSettlement',
    response: settlementRunResponse,
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

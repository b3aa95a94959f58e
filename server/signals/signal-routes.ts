// Signal cases over the API: administrators and auditors read them, administrators close one with
// a reason or run detection now. Routes of a few lines: the work is in signal-service.ts.
import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { defineRoute } from '../http/route.js';
import { idParams, textSchema } from '../http/schemas.js';
import { pageQuery } from '../shared/pagination.js';
import { SIGNAL_KINDS } from './signal-detectors.js';
import { detectionResponse, signalCasePage, signalCaseResponse } from './signal-response-schemas.js';
import { closeSignalCase, detectNow, listSignalCases, readSignalCase } from './signal-service.js';

export const signalRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/signal-cases',
    operationId: 'listSignalCases',
    response: signalCasePage,
    tag: 'Signals',
    summary: 'Cases opened by the signals that need a look, newest first, by status, kind or centre',
    auth: STAFF_READERS,
    query: z
      .object({
        ...pageQuery,
        status: z.enum(['open', 'closed']).optional(),
        kind: z.enum(SIGNAL_KINDS).optional(),
        centreId: z.uuid('must be a UUID').optional(),
      })
      .strict(),
    handle: ({ app, query: { limit, cursor, ...filter } }) => listSignalCases(app, filter, { limit, cursor }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/signal-cases/:id',
    operationId: 'getSignalCase',
    response: signalCaseResponse,
    tag: 'Signals',
    summary: 'A signal case with the rows behind it, as read when it was opened',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: ({ app, params }) => readSignalCase(app, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/signal-cases/:id/close',
    operationId: 'closeSignalCase',
    problemCodes: { 404: ['not_found'], 409: ['signal_case_closed'] },
    response: signalCaseResponse,
    tag: 'Signals',
    summary: 'Close an open case with the reason (what was looked at and found); a case never blocks a payment',
    auth: ['admin'],
    params: idParams,
    body: z.object({ reason: textSchema(2000) }).strict(),
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId }) =>
      closeSignalCase(app, principal, { id: params.id, reason: body.reason, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/signal-cases/detect',
    operationId: 'detectSignals',
    response: detectionResponse,
    tag: 'Signals',
    summary: 'Run every detector now (the scheduler also does, hourly); opens a case only for what has none yet',
    auth: ['admin'],
    handle: ({ app, principal, requestId }) => detectNow(app, principal, requestId),
  }),
];

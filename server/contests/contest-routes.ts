// Contested refusals over the API: the citizen contests their refusal (multipart: a message and
// evidence files), administrators and auditors read them, administrators answer. Routes of a few
// lines: the work is in contest-service.ts.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { idParams, programmeCodeSchema, textSchema } from '../http/schemas.js';
import { pageQuery } from '../shared/pagination.js';
import { answerContest, contestRefusal, listContests, readContest, readEvidence } from './contest-service.js';
import { downloadHeaders, EVIDENCE_LIMITS } from './evidence-files.js';
import { contestPage, contestResponse } from './contest-response-schemas.js';

const contestMessageSchema = textSchema(5000);

export const contestRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/decisions/:id/contests',
    operationId: 'contestRefusal',
    problemCodes: { 404: ['not_found'], 409: ['not_a_refusal', 'contest_period_ended', 'contest_open'], 422: ['evidence_refused'] },
    response: contestResponse,
    tag: 'Contests',
    summary:
      'Contest your refusal within the contest period: a message and up to 5 evidence files (PDF, JPEG or PNG, 5 MB each) as multipart/form-data',
    auth: ['citizen'],
    params: idParams,
    body: z.object({ message: contestMessageSchema }).strict(),
    multipart: EVIDENCE_LIMITS,
    status: 201,
    errors: [404, 409, 413, 415, 422],
    handle: ({ app, params, body, principal, upload, requestId }) =>
      contestRefusal(app, principal, {
        decisionId: params.id,
        message: body.message,
        files: upload?.files ?? [],
        tooManyFiles: upload?.tooManyFiles ?? false,
        requestId,
      }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/contests',
    operationId: 'listContests',
    response: contestPage,
    tag: 'Contests',
    summary: 'Contested refusals, newest first, by status, programme, citizen or decision',
    auth: ['admin', 'auditor'],
    query: z
      .object({
        ...pageQuery,
        status: z.enum(['open', 'upheld', 'rejected']).optional(),
        programme: programmeCodeSchema.optional(),
        citizenId: z.uuid('must be a UUID').optional(),
        decisionId: z.uuid('must be a UUID').optional(),
      })
      .strict(),
    handle: ({ app, query: { limit, cursor, ...filter } }) => listContests(app, filter, { limit, cursor }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/contests/:id',
    operationId: 'getContest',
    response: contestResponse,
    tag: 'Contests',
    summary: 'A contest with its evidence files (not their content) and its answer',
    auth: ['citizen', 'admin', 'auditor'],
    params: idParams,
    errors: [404],
    handle: ({ app, params, principal }) => readContest(app, principal, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/contests/:id/evidence/:evidenceId',
    operationId: 'downloadContestEvidence',
    fileTypes: ['application/pdf', 'image/jpeg', 'image/png'],
    tag: 'Contests',
    summary: 'An evidence file, as an attachment of the type found in its content',
    auth: ['citizen', 'admin', 'auditor'],
    params: z.object({ id: z.uuid('must be a UUID'), evidenceId: z.uuid('must be a UUID') }).strict(),
    errors: [404],
    handle: async ({ app, params, principal }) => {
      const file = await readEvidence(app, principal, params.id, params.evidenceId);
      return { body: file.content, headers: downloadHeaders(file) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/contests/:id/answer',
    operationId: 'answerContest',
    problemCodes: { 404: ['not_found'], 409: ['contest_answered'] },
    response: contestResponse,
    tag: 'Contests',
    summary: 'Answer an open contest once: upheld or rejected, with a message the citizen receives',
    auth: ['admin'],
    params: idParams,
    body: z.object({ outcome: z.enum(['upheld', 'rejected']), message: contestMessageSchema }).strict(),
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId }) =>
      answerContest(app, principal, { contestId: params.id, outcome: body.outcome, message: body.message, requestId }),
  }),
];

import { z } from 'zod';
import { invalidField, notFound } from '../errors.js';
import { defineRoute } from '../http/route.js';
import { dateSchema, idParams, programmeCodeSchema } from '../http/schemas.js';
import { decideEligibility, readDecision } from './decision-service.js';
import { decisionResponse, decisionWithFactsResponse } from './eligibility-response-schemas.js';

export const eligibilityRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/eligibility',
    operationId: 'decideEligibility',
    response: decisionResponse,
    tag: 'Eligibility',
    summary: 'Decide whether a citizen is eligible today (a citizen for self; an administrator for anyone, on any date)',
    auth: ['citizen', 'admin'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: z.object({ citizenId: z.uuid('must be a UUID').optional(), referenceDate: dateSchema.optional() }).strict(),
    errors: [404, 422],
    handle: async ({ app, params, body, principal, language }) => {
      let citizenId = body.citizenId;
      if (principal.role === 'citizen') {
        // A citizen is always decided on the service date: choosing a date would let anyone
        // shop for the rule set that suits them.
        if (body.referenceDate !== undefined) throw invalidField('/referenceDate', 'only an administrator may choose the reference date');
        if (citizenId !== undefined && citizenId !== principal.citizenId) throw notFound('Citizen');
        citizenId = principal.citizenId ?? undefined;
        if (!citizenId) throw notFound('Citizen');
      } else if (!citizenId) {
        throw invalidField('/citizenId', 'is required when an administrator asks');
      }
      return decideEligibility(app, {
        citizenId,
        programmeCode: params.code,
        referenceDate: body.referenceDate ?? app.clock.today(),
        actor: principal,
        language,
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/decisions/:id',
    operationId: 'getDecision',
    response: decisionWithFactsResponse,
    tag: 'Eligibility',
    summary: 'A stored decision with its facts; ?replay=true evaluates it again and says whether the result is the same',
    auth: ['citizen', 'admin', 'auditor'],
    params: idParams,
    query: z.object({ replay: z.enum(['true', 'false']).optional() }).strict(),
    errors: [404],
    handle: async ({ app, params, query, principal, language }) =>
      readDecision(app, principal, params.id, { replay: query.replay === 'true', language }),
  }),
];

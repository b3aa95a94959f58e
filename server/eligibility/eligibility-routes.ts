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
    problemCodes: { 404: ['not_found'], 422: ['no_ruleset_in_force'] },
    response: decisionResponse,
    example: {
      request: { citizenId: '5f0c6d3e-8a41-4c55-9d7b-2f4e1a9b3c60', referenceDate: '2026-03-02' },
      response: {
        eligible: false,
        programme: 'LBC',
        referenceDate: '2026-03-02',
        ruleSet: { id: '0b7e3f52-6c1d-4a8e-9f20-7d5c4b3a2e11', version: 3 },
        reasons: [
          {
            code: 'residence_not_eligible',
            message:
              'You must live in Flanders or Brussels, or live in another EU/EEA country and work in Flanders or Brussels (found: Wallonia).',
            fact: 'residenceRegion',
            operator: 'in',
            expected: ['Flanders', 'Brussels'],
            actual: 'Wallonia',
            requirement: 'lives or works in Flanders or Brussels',
          },
        ],
        nextEligibleOn: null,
        decisionId: '9c2a7e14-3b5d-4f68-8e01-6a4d2c9b7f35',
        citizenId: '5f0c6d3e-8a41-4c55-9d7b-2f4e1a9b3c60',
        createdAt: '2026-03-02T09:14:27.512Z',
      },
    },
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

import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { pageQuery } from '../shared/pagination.js';
import { defineRoute } from '../http/route.js';
import { dateSchema, idParams, programmeCodeSchema, storableJson, textSchema } from '../http/schemas.js';
import { approveRuleSet, draftRuleSet, editRuleSet, listRuleSetVersions, readRuleSet } from './ruleset-service.js';
import { simulateRuleSet } from './simulation.js';
import { compareRuleSets } from './ruleset-compare.js';
import { notFound } from '../errors.js';
import { ruleSetDiffResponse, ruleSetPage, ruleSetResponse, simulationResponse } from './eligibility-response-schemas.js';

const codeParams = z.object({ code: programmeCodeSchema }).strict();
// The rules themselves are checked by rule-schema.ts, which answers 422 with JSON pointers. The
// portal's raw JSON editor reads a draft through the same schema.
export const ruleSetBody = z
  .object({
    rules: storableJson(z.array(z.unknown())),
    parameters: storableJson(z.record(z.string(), z.unknown())),
    effectiveFrom: dateSchema,
    note: textSchema(500).optional(),
    testCases: storableJson(z.array(z.unknown())).optional(),
  })
  .strict();

export const ruleSetRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/rulesets',
    operationId: 'listRuleSets',
    response: ruleSetPage,
    tag: 'Rule sets',
    summary: 'Rule set versions of a programme, newest first, with state and effective window',
    auth: STAFF_READERS,
    params: codeParams,
    query: z.object(pageQuery).strict(),
    errors: [404],
    handle: async ({ app, params, query }) => listRuleSetVersions(app, params.code, query),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/rulesets',
    operationId: 'draftRuleSet',
    problemCodes: { 404: ['not_found'], 422: ['invalid_ruleset', 'effective_date_in_past'] },
    response: ruleSetResponse,
    tag: 'Rule sets',
    summary: 'Draft a rule set: json-rules-engine rules, their parameters, test cases and the date it would take effect',
    auth: ['admin'],
    params: codeParams,
    body: ruleSetBody,
    status: 201,
    errors: [404, 422],
    handle: async ({ app, params, body, principal, requestId }) => draftRuleSet(app, principal, params.code, body, requestId),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/rulesets/:id',
    operationId: 'getRuleSet',
    response: ruleSetResponse,
    tag: 'Rule sets',
    summary: 'One rule set with its rules, parameters and the result of its test cases',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params }) => readRuleSet(app, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/rulesets/:id/diff',
    operationId: 'diffRuleSets',
    problemCodes: { 404: ['not_found'] },
    response: ruleSetDiffResponse,
    tag: 'Rule sets',
    summary:
      'What changed between this version and another of its programme (by default the one before it): rules, conditions, reasons, parameters',
    auth: STAFF_READERS,
    params: idParams,
    query: z.object({ with: z.uuid('must be a UUID').optional() }).strict(),
    errors: [404],
    handle: async ({ app, params, query }) => {
      const compared = await compareRuleSets(app, params.id, query.with);
      if (!compared) throw notFound('An earlier version of this rule set');
      const versionOf = (version: typeof compared.older) => ({
        id: version.id,
        version: version.version,
        state: version.state,
        effectiveFrom: version.effectiveFrom,
      });
      return { older: versionOf(compared.older), newer: versionOf(compared.newer), ...compared.diff };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/rulesets/:id',
    operationId: 'editRuleSet',
    problemCodes: {
      403: ['not_author'],
      404: ['not_found'],
      409: ['ruleset_not_draft'],
      422: ['invalid_ruleset', 'effective_date_in_past'],
    },
    response: ruleSetResponse,
    tag: 'Rule sets',
    summary: 'Replace a draft (its author only)',
    auth: ['admin'],
    params: idParams,
    body: ruleSetBody,
    errors: [403, 404, 409, 422],
    handle: async ({ app, params, body, principal, requestId }) => editRuleSet(app, principal, params.id, body, requestId),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/rulesets/:id/simulate',
    operationId: 'simulateRuleSet',
    response: simulationResponse,
    tag: 'Rule sets',
    summary: 'Evaluate the rule set and the rules in force for every citizen: who would newly qualify or be refused',
    auth: ['admin'],
    params: idParams,
    body: z.object({ referenceDate: dateSchema.optional() }).strict(),
    errors: [404],
    handle: async ({ app, params, body }) => simulateRuleSet(app, params.id, body.referenceDate ?? app.clock.today()),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/rulesets/:id/approve',
    operationId: 'approveRuleSet',
    problemCodes: {
      403: ['four_eyes_required'],
      404: ['not_found'],
      409: ['ruleset_not_draft', 'effective_date_taken'],
      422: ['test_cases_missing', 'test_cases_failed', 'invalid_ruleset', 'effective_date_in_past'],
    },
    response: ruleSetResponse,
    tag: 'Rule sets',
    summary: 'Approve a draft (an administrator other than its author); it takes effect on its date',
    auth: ['admin'],
    params: idParams,
    errors: [403, 404, 409, 422],
    handle: async ({ app, params, principal, requestId }) => approveRuleSet(app, principal, params.id, requestId),
  }),
];

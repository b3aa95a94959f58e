// What the eligibility endpoints answer, as documented in /openapi.json; a decision (DecisionView
// in decision-service.ts) is also part of every claim's answer.
import { z } from 'zod';
import { calendarDate, instant, page } from '../http/response-schemas.js';

/** A value a rule compares: decimals, dates and periods as strings ("22000.00", "P6Y"), or a list of values. */
const ruleValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

export const decisionResponse = z.object({
  eligible: z.boolean(),
  programme: z.string(),
  referenceDate: calendarDate,
  ruleSet: z.object({ id: z.uuid(), version: z.number().int() }),
  reasons: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      fact: z.string().nullable(),
      operator: z.string().nullable(),
      expected: ruleValue.optional().describe('What the rule needs (absent for a reason no condition gives)'),
      actual: ruleValue.optional().describe("What the citizen's fact was (null when it is not recorded)"),
      requirement: z.string().optional(),
    }),
  ),
  nextEligibleOn: calendarDate.nullable(),
  groups: z.array(z.string()).optional(),
  decisionId: z.uuid(),
  citizenId: z.uuid(),
  createdAt: instant,
});

/** A stored decision read again: with the facts it was decided on, and (?replay=true) today's replay of it. */
export const decisionWithFactsResponse = decisionResponse.extend({
  facts: z.record(z.string(), z.unknown()).optional(),
  replay: z.object({ eligible: z.boolean(), reasons: decisionResponse.shape.reasons, nextEligibleOn: calendarDate.nullable() }).optional(),
  replayMatches: z.boolean().optional(),
});

const ruleSetSummary = {
  id: z.uuid(),
  programme: z.string(),
  version: z.number().int(),
  state: z.string(),
  effectiveFrom: calendarDate,
  effectiveTo: calendarDate.nullable(),
  note: z.string().nullable(),
  authorId: z.uuid().nullable(),
  approvedBy: z.uuid().nullable(),
  approvedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
};

export const ruleSetPage = page(z.object(ruleSetSummary));

export const ruleSetResponse = z.object({
  ...ruleSetSummary,
  rules: z.array(z.looseObject({ name: z.string() })).describe('json-rules-engine rules'),
  parameters: z.record(z.string(), ruleValue).describe("The rule set's named values its conditions use as { param: name }"),
  testCases: z.array(
    z.object({
      name: z.string(),
      referenceDate: calendarDate,
      facts: z.record(z.string(), z.unknown()).describe('Base facts by their registered names (GET /v1/citizens/{id} shows them)'),
      expected: z.object({
        eligible: z.boolean(),
        reasons: z.array(z.string()).optional(),
        nextEligibleOn: calendarDate.nullable().optional(),
      }),
    }),
  ),
  testResults: z.object({
    total: z.number().int(),
    passed: z.number().int(),
    failures: z
      .array(
        z.object({
          name: z.string(),
          passed: z.literal(false),
          actual: z.object({ eligible: z.boolean(), reasons: z.array(z.string()), nextEligibleOn: calendarDate.nullable() }),
        }),
      )
      .describe('The first 20 test cases that failed, with what the rule set decided'),
  }),
});

export const simulationResponse = z.object({
  ruleSet: z.object({ id: z.uuid(), version: z.number().int() }),
  comparedWith: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
  referenceDate: calendarDate,
  evaluated: z.number().int(),
  eligibleNow: z.number().int(),
  eligibleWithDraft: z.number().int(),
  newlyEligible: z.number().int(),
  newlyIneligible: z.number().int(),
  examples: z.array(
    z.object({ citizenId: z.uuid(), change: z.string(), reasonsNow: z.array(z.string()), reasonsWithDraft: z.array(z.string()) }),
  ),
  durationMs: z.number(),
});

const change = z.object({
  at: z.string().describe("JSON pointer: below the rule's conditions, /event, or /parameters/<name>"),
  before: z.unknown().optional().describe('Absent when added'),
  after: z.unknown().optional().describe('Absent when removed'),
});
const versionOf = z.object({ id: z.uuid(), version: z.number().int(), state: z.string(), effectiveFrom: calendarDate });

export const ruleSetDiffResponse = z.object({
  older: versionOf,
  newer: versionOf,
  rulesAdded: z.array(z.string()).describe('Names of rules only the newer version has'),
  rulesRemoved: z.array(z.string()).describe('Names of rules only the older version has'),
  rulesChanged: z.array(
    z.object({
      name: z.string(),
      conditions: z.array(change).describe('Conditions added, removed or changed, by their place in the rule'),
      event: change.optional().describe('The reason (code and messages) or group, when it changed'),
    }),
  ),
  parameters: z.array(change),
});

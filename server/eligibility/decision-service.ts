// Eligibility decisions: the rule set in force on the reference date (a claim passes the date
// it was made, so a later rule change never reaches it), the facts gathered up front, a fresh
// engine, and the decision stored with everything needed to explain and replay it.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notFound, RuleViolation } from '../errors.js';
import { canonicalJson } from '../shared/canonical-json.js';
import type { Language } from '../shared/language.js';
import { cachedRuleSet, compiledRuleSet, type CompiledRuleSet } from './compiled-rule-set.js';
import { findDecision, insertDecision, type DecisionDraft, type DecisionRow } from './decision-store.js';
import { evaluateRuleSet, type Reason } from './evaluate.js';
import { baseFactsOf, type FactValues } from './fact-registry.js';
import { gatherDecisionInputs, sharedFactsOf, type DecisionInputs } from './fact-store.js';
import { nextEligibleOn } from './next-eligible.js';
import { findRuleSet, toRecord } from './ruleset-store.js';
import { findProgramme } from '../programmes/programmes.js';

export type DecisionRequest = {
  citizenId: string;
  programmeCode: string;
  referenceDate: string;
  actor: Pick<Principal, 'userId'> | { userId: null };
  language: Language;
};

export type DecisionView = {
  eligible: boolean;
  programme: string;
  referenceDate: string;
  ruleSet: { id: string; version: number };
  reasons: {
    code: string;
    message: string;
    fact: string | null;
    operator: string | null;
    expected: unknown;
    actual: unknown;
    requirement?: string;
  }[];
  nextEligibleOn: string | null;
  /** The groups the rule set's group rules put the citizen in (only for a rule set that defines groups). */
  groups?: string[];
  decisionId: string;
  citizenId: string;
  createdAt: string;
};

const reasonView =
  (language: Language) =>
  ({ messages, ...reason }: Reason) => ({ ...reason, message: messages[language] });

/** What a decision answers, in the caller's language. */
export const decisionView = (decision: DecisionDraft & { createdAt: string }, language: Language): DecisionView => ({
  eligible: decision.eligible,
  programme: decision.programme,
  referenceDate: decision.referenceDate,
  ruleSet: decision.ruleSet,
  reasons: decision.reasons.map(reasonView(language)),
  nextEligibleOn: decision.nextEligibleOn,
  ...(decision.groups ? { groups: decision.groups } : {}),
  decisionId: decision.decisionId,
  citizenId: decision.citizenId,
  createdAt: decision.createdAt,
});

async function ruleSetFor(
  app: AppContext,
  request: DecisionRequest,
  found: DecisionInputs['ruleSet'],
  transaction?: Transaction,
): Promise<CompiledRuleSet> {
  if (found) {
    const cached = cachedRuleSet(found.id, found.revision);
    if (cached) return cached;
    const row = await findRuleSet(app.sequelize, found.id, { transaction });
    if (row) return compiledRuleSet(toRecord(row));
  }
  if (!(await findProgramme(app.sequelize, request.programmeCode, transaction))) throw notFound(`Programme ${request.programmeCode}`);
  throw new RuleViolation(
    'no_ruleset_in_force',
    `No approved rule set of ${request.programmeCode} is in force on ${request.referenceDate}.`,
  );
}

/**
 * Evaluates a decision from inputs already gathered (the rule set in force on the reference date,
 * the citizen's base facts) and the facts shared by everyone that the rule set names; writes
 * nothing. Returns the draft and the facts it used (stored with it). 404 for an unknown citizen.
 */
export async function draftDecision(
  app: AppContext,
  request: DecisionRequest,
  inputs: DecisionInputs,
  sharedFor: (ruleSet: CompiledRuleSet) => Promise<FactValues> | FactValues,
  transaction?: Transaction,
): Promise<{ draft: DecisionDraft; facts: FactValues }> {
  const ruleSet = await ruleSetFor(app, request, inputs.ruleSet, transaction);
  if (!inputs.facts) throw notFound('Citizen');
  const base = { ...inputs.facts, ...(await sharedFor(ruleSet)) };
  const evaluation = await evaluateRuleSet(ruleSet, base, request.referenceDate);
  const next = evaluation.eligible ? null : await nextEligibleOn(evaluation.reasons, base, request.referenceDate, ruleSet);
  const draft: DecisionDraft = {
    decisionId: randomUUID(),
    citizenId: request.citizenId,
    programme: request.programmeCode,
    referenceDate: request.referenceDate,
    eligible: evaluation.eligible,
    reasons: evaluation.reasons,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    nextEligibleOn: next,
    ...(ruleSet.groups.length > 0 ? { groups: evaluation.groups } : {}),
  };
  return { draft, facts: evaluation.facts };
}

/**
 * Decides and stores the decision, in the caller's transaction when given (a claim decides and
 * grants in one); otherwise the reads and the one insert need no transaction of their own.
 * Returns the stored decision. 404 for an unknown citizen or programme.
 */
export async function decideEligibility(app: AppContext, request: DecisionRequest, transaction?: Transaction): Promise<DecisionView> {
  const inputs = await gatherDecisionInputs(app.sequelize, request, transaction);
  const { draft, facts } = await draftDecision(
    app,
    request,
    inputs,
    (ruleSet) => sharedFactsOf(ruleSet, inputs.budgetRemaining),
    transaction,
  );
  const stored = await insertDecision(app.sequelize, { ...draft, facts, createdBy: request.actor.userId }, transaction);
  return decisionView({ ...draft, createdAt: stored.createdAt.toISOString() }, request.language);
}

function storedView(row: DecisionRow, language: Language): DecisionView & { facts: Record<string, unknown> } {
  const record = {
    decisionId: row.id,
    citizenId: row.citizen_id,
    programme: row.programme_code,
    referenceDate: row.reference_date,
    eligible: row.eligible,
    reasons: row.reasons,
    ruleSet: { id: row.rule_set_id, version: row.rule_set_version },
    nextEligibleOn: row.next_eligible_on,
    createdAt: row.created_at.toISOString(),
  };
  return { ...decisionView(record, language), facts: row.facts };
}

/** Owner, admin or auditor; another citizen's decision answers 404. */
export async function readDecision(app: AppContext, principal: Principal, id: string, options: { replay: boolean; language: Language }) {
  const row = await findDecision(app.sequelize, id);
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Decision');
  const view = storedView(row, options.language);
  if (!options.replay) return view;
  const replay = await replayDecision(app, row);
  return {
    ...view,
    replay: { eligible: replay.eligible, reasons: replay.reasons.map(reasonView(options.language)), nextEligibleOn: replay.nextEligibleOn },
    replayMatches: replay.matches,
  };
}

/** Re-evaluates the stored base facts with the stored rule set at the stored date. */
export async function replayDecision(app: AppContext, row: DecisionRow) {
  const ruleSetRow = await findRuleSet(app.sequelize, row.rule_set_id);
  if (!ruleSetRow) throw new Error(`decision ${row.id} names a rule set that does not exist`);
  const ruleSet = compiledRuleSet(toRecord(ruleSetRow));
  const base = baseFactsOf(row.facts);
  const evaluation = await evaluateRuleSet(ruleSet, base, row.reference_date);
  const next = evaluation.eligible ? null : await nextEligibleOn(evaluation.reasons, base, row.reference_date, ruleSet);
  const matches =
    evaluation.eligible === row.eligible &&
    next === row.next_eligible_on &&
    canonicalJson(evaluation.reasons) === canonicalJson(row.reasons) &&
    canonicalJson(evaluation.facts) === canonicalJson(row.facts);
  return { eligible: evaluation.eligible, reasons: evaluation.reasons, nextEligibleOn: next, matches };
}

// The eligibility component as the other components use it: decide (and store) a citizen's
// eligibility for a programme on a date, or draft a decision that a flow's own statement stores
// (an ITA claim), with the inputs a flow's store reads in the same round trip. Other components
// import this module only.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Language } from '../shared/language.js';
import * as decisions from './decision-service.js';
import type { DecisionDraft } from './decision-store.js';
import * as facts from './fact-store.js';
import { RuleViolation } from '../errors.js';

export type { DecisionDraft };
export type DecisionRequest = decisions.DecisionRequest;
export type DecisionView = decisions.DecisionView;
export type DecisionInputs = facts.DecisionInputs;

/** Decides, stores and audits the decision; a refusal names its reasons and the next date it could pass. */
export const decideEligibility = (app: AppContext, request: DecisionRequest, transaction?: Transaction): Promise<DecisionView> =>
  decisions.decideEligibility(app, request, transaction);

/** Evaluates without storing, for a flow whose own statement stores the decision with what it grants. */
export const draftDecision = (...args: Parameters<typeof decisions.draftDecision>) => decisions.draftDecision(...args);

/** A stored decision for its owner, an administrator or an auditor (another citizen's is a 404), as GET /v1/decisions/:id. */
export const readDecision = (...args: Parameters<typeof decisions.readDecision>) => decisions.readDecision(...args);

/** A decision as the API shows it, its reasons in `language`. */
export const decisionView = (decision: DecisionDraft & { createdAt: string }, language: Language): DecisionView =>
  decisions.decisionView(decision, language);

/** The shared facts (the budget left) a rule set names, from a budget left the flow read already. */
export const sharedFactsOf = (...args: Parameters<typeof facts.sharedFactsOf>) => facts.sharedFactsOf(...args);

/**
 * The query a flow's store joins into its own statement to read a decision's inputs (rule set in
 * force, citizen facts, budget left) in the same round trip; bound by decisionInputsBinds and read
 * back by decisionInputsOf.
 */
export const DECISION_INPUTS_SQL: string = facts.DECISION_INPUTS_SQL;

export const decisionInputsBinds = (...args: Parameters<typeof facts.decisionInputsBinds>) => facts.decisionInputsBinds(...args);

export const decisionInputsOf = (...args: Parameters<typeof facts.decisionInputsOf>): DecisionInputs => facts.decisionInputsOf(...args);

/** A decision as every answer that shows one documents it (a claim's answer among them). */
export { decisionResponse } from './eligibility-response-schemas.js';

/**
 * The refusal of a claim whose decision said no (422 not_eligible), naming the decision that was
 * kept, its reasons and when time alone would make the citizen eligible: every kind's claim
 * answers it alike.
 */
export const notEligible = (decision: DecisionView) =>
  new RuleViolation('not_eligible', `You are not eligible for programme ${decision.programme} today.`, {
    reasons: decision.reasons,
    decisionId: decision.decisionId,
    nextEligibleOn: decision.nextEligibleOn,
    ruleSet: decision.ruleSet,
  });

/**
 * Administering rule sets (the API's /v1/programmes/:code/rulesets and /v1/rulesets routes, and
 * the portal's rule set editor): list, read, draft, edit, simulate and approve (four eyes).
 */
export { approveRuleSet, draftRuleSet, editRuleSet, listRuleSetVersions, readRuleSet, type RuleSetInput } from './ruleset-service.js';
export { simulateRuleSet } from './simulation.js';
export { ruleSetBody } from './ruleset-routes.js';
/** The facts and operators a condition may name, with the types they take, for a form built from them. */
export { FACT_FIELDS, FACTS, RULE_FACTS, type FactType } from './fact-registry.js';
export { OPERATORS } from './operators.js';
/** What changed between two versions: rules, conditions, events and parameters. */
export { diffRuleSets, type RuleSetDiff } from './ruleset-diff.js';
/** Two versions of a programme (by default a version and the one before it) and their differences, as GET /v1/rulesets/:id/diff. */
export { compareRuleSets } from './ruleset-compare.js';

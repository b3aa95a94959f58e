// The eligibility component as the other components use it: decide (and store) a citizen's
// eligibility for a programme on a date, or draft a decision that a flow's own statement stores
// (an ITA claim), with the inputs a flow's store reads in the same round trip. Other components
// import this module only.
export { decideEligibility, decisionView, draftDecision, type DecisionRequest, type DecisionView } from './decision-service.js';
export type { DecisionDraft } from './decision-store.js';
export { DECISION_INPUTS_SQL, decisionInputsBinds, decisionInputsOf, sharedFactsOf, type DecisionInputs } from './fact-store.js';

// The answer to a credit-lots claim: 201 with the application, what each lot gave and the lots
// granted on the way, or the 422 not_eligible problem naming the decision that was kept.
import { RuleViolation } from '../errors.js';
import type { StoredAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { CreditLotsClaim } from './credit-claim.js';

export function creditLotsClaimReply(claim: CreditLotsClaim, instance: string): StoredAnswer {
  const { decision } = claim;
  if ('refusal' in claim) {
    const error = new RuleViolation('not_eligible', 'You are not eligible for this programme today.', {
      reasons: decision.reasons,
      decisionId: decision.decisionId,
      nextEligibleOn: decision.nextEligibleOn,
      ruleSet: decision.ruleSet,
    });
    return { status: error.status, body: problemOf(error, instance) };
  }
  return { status: 201, body: { ...claim.application, draws: claim.draws, lotsGranted: claim.lotsGranted, decision } };
}

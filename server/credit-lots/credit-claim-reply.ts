// The answer to a credit-lots claim: 201 with the application, what each lot gave and the lots
// granted on the way, or the 422 not_eligible problem naming the decision that was kept.
import type { StoredAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { CreditLotsClaim } from './credit-claim.js';
import { notEligible } from '../eligibility/eligibility.js';

export function creditLotsClaimReply(claim: CreditLotsClaim, instance: string): StoredAnswer {
  const { decision } = claim;
  if ('refusal' in claim) {
    const error = notEligible(decision);
    return { status: error.status, body: problemOf(error, instance) };
  }
  return { status: 201, body: { ...claim.application, draws: claim.draws, lotsGranted: claim.lotsGranted, decision } };
}

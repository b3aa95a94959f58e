// The answer to a claim on an accruing account: 201 with the account (own money and top-ups), the
// application when the claim named a course, and the decision; or the 422 not_eligible problem
// naming the decision that was kept.
import type { StoredAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { AccountClaim } from './account-claim.js';
import { notEligible } from '../eligibility/eligibility.js';

export function accountClaimReply(claim: AccountClaim, instance: string): StoredAnswer {
  const { decision } = claim;
  if ('refusal' in claim) {
    const error = notEligible(decision);
    return { status: error.status, body: problemOf(error, instance) };
  }
  return { status: 201, body: { account: claim.account, application: claim.application, decision } };
}

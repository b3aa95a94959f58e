// The answer to an hours_voucher claim: 201 with the entitlement, the money committed and the
// decision, or the 422 not_eligible problem naming the decision that was kept.
import type { StoredAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { HoursVoucherClaim } from './hours-voucher-grant.js';
import { notEligible } from '../eligibility/eligibility.js';

export function hoursVoucherClaimReply(claim: HoursVoucherClaim, instance: string): StoredAnswer {
  const { decision } = claim;
  if ('refusal' in claim) {
    const error = notEligible(decision);
    return { status: error.status, body: problemOf(error, instance) };
  }
  return { status: 201, body: { ...claim.entitlement, committed: claim.committed, decision } };
}

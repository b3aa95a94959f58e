// The answer to a course grant claim, rendered from the outcome course_grant_claim stored: the same
// status and body the first time and on every replay of its Idempotency-Key. An application is
// 201; a refusal with its decision kept is the problem it stands for (409 when only the
// programme's money is missing, 422 when the citizen is not eligible).
import { Decimal } from 'decimal.js';
import { decisionView, notEligible, type DecisionView } from '../eligibility/eligibility.js';
import { conflict } from '../errors.js';
import type { StoredAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { Language } from '../shared/language.js';
import { claimOutcomeOf, type ClaimOutcome, type ClaimRefusal } from './application-claim.js';
import type { Application } from './application-store.js';
import { applicationView } from './application-view.js';
import { entryView } from './windows/window-entry-view.js';

export function courseGrantClaimReply(stored: unknown, language: Language, instance: string): StoredAnswer {
  const outcome = claimOutcomeOf(stored);
  const decision = decisionView(outcome.decision, language);
  if (outcome.result === 'entered')
    return { status: 202, body: { ...entryView(outcome.entry), accountPeriod: outcome.accountPeriod, decision } };
  if (outcome.result !== 'applied') {
    const refusal = refusalError(outcome.refusal, decision);
    return { status: refusal.status, body: problemOf(refusal, instance) };
  }
  return {
    status: 201,
    body: { ...applicationView(applicationOf(outcome.application, decision.programme)), accountPeriod: outcome.accountPeriod, decision },
  };
}

function refusalError(refusal: ClaimRefusal, decision: DecisionView) {
  return refusal === 'budget_exhausted'
    ? conflict('budget_exhausted', `Programme ${decision.programme} has no budget left to fund an application.`, {
        reason: 'budget_spent',
        decisionId: decision.decisionId,
        ruleSet: decision.ruleSet,
      })
    : notEligible(decision);
}

/** A new application as the outcome holds it (completed by the database), for the view. */
function applicationOf(json: Extract<ClaimOutcome, { result: 'applied' }>['application'], programmeCode: string): Application {
  const text = (name: string) => String(json[name]);
  return {
    id: text('id'),
    reference: text('reference'),
    programmeCode,
    citizenId: text('citizenId'),
    citizenUserId: null,
    citizenName: text('citizenName'),
    entitlementId: text('entitlementId'),
    decisionId: text('decisionId'),
    centreId: text('centreId'),
    centreName: text('centreName'),
    courseId: text('courseId'),
    courseTitle: text('courseTitle'),
    courseQualification: text('courseQualification'),
    accountYear: Number(json.accountYear),
    periodEnd: text('periodEnd'),
    coursePrice: new Decimal(json.coursePrice),
    fundedAmount: new Decimal(json.fundedAmount),
    learnerPart: new Decimal(json.learnerPart),
    currency: text('currency'),
    status: 'pending_verification',
    appliedOn: text('appliedOn'),
    verifyBy: text('verifyBy'),
    grantTransactionId: text('grantTransactionId'),
    holdId: text('holdId'),
    verifiedAt: null,
    courseStartDate: null,
    claimTransactionId: null,
    claimedAt: null,
    releaseTransactionId: null,
    closedAt: null,
    refusalReason: null,
    refusedAt: null,
    createdAt: new Date(json.createdAt),
  };
}

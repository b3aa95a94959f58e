// A citizen's claim on a course grant programme (Scotland's ITA, the Dutch STAP budget): one
// approved course of that programme at one of its accredited providers becomes an application that
// holds min(course price, yearly maximum) on the citizen's entitlement for the account year until
// the provider verifies the evidence. Built for an opening burst: one read of everything the claim
// needs (claim-store.ts), the decision by the rules engine here, then one statement,
// course_grant_claim.sql, that claims the Idempotency-Key, stores the decision and, for an
// eligible citizen, takes a place, grants, holds and writes the application, taking the two rows
// every claim contends for last. The places target is not read here: the statement reads the one
// in force where it takes the place, so a change that commits while the claim is in flight is the
// one it is held to. A citizen found not eligible is refused with the decision kept: the refusal
// is the stored outcome (budget_exhausted when only the money is missing, not_eligible otherwise),
// rendered by the route (course-grant-claim-reply.ts).
import { randomInt, randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notAccredited } from '../centres/centres.js';
import { isRefusal, refusalError, type Refusals } from '../db/refusal.js';
import { draftDecision, sharedFactsOf, type DecisionDraft } from '../eligibility/eligibility.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import type { IdempotencyClaim, StatementAnswer } from '../http/idempotency.js';
import type { Language } from '../shared/language.js';
import { toLedgerError } from '../ledger/ledger.js';
import {
  courseGrantParametersOf,
  limitsOf,
  placesTaken,
  programmeClosed,
  programmeYearOf,
  type ProgrammeYear,
} from '../programmes/programmes.js';
import { claimStatement, readClaimContext, type ClaimContext, type ClaimCourse } from './claim-store.js';
import { endOfDay, fundingOf, grantRulesOf, newReference, verificationDeadline } from './course-grant-terms.js';
import { claimWindowOn, entryOf, entryStatement, windowRefusals } from './windows/window-entry.js';

/** A claim on the course grant programme `programmeCode` (the caller has found it to be of that kind). */
export type CourseGrantClaim = {
  programmeCode: string;
  principal: Principal;
  courseId: string;
  language: Language;
  claim: IdempotencyClaim;
};

const courseRefused = (message: string) => new RuleViolation('course_not_fundable', message, { errors: [{ path: '/courseId', message }] });

const refusalsOf = (code: string): Refusals => ({
  application_exists: ({ reference, accountYear, start }) =>
    conflict('application_exists', `You already have a funded application for the account year starting ${start}.`, {
      reference,
      accountYear: Number(accountYear),
    }),
  closing_date_passed: ({ closingDate }) => programmeClosed(code, closingDate ?? ''),
  places_target_reached: ({ target, period }) => placesTaken(code, { placesTarget: Number(target), period: period ?? '' }),
  course_grants_exhausted: ({ maxGrantsPerCourse, accountYear }) =>
    conflict(
      'course_grants_exhausted',
      `This course has had the ${maxGrantsPerCourse} grants programme ${code} funds per course in the account year ${accountYear}.`,
      { maxGrantsPerCourse: Number(maxGrantsPerCourse), accountYear: Number(accountYear) },
    ),
  // Found only when every lane was emptied back into the budget: the whole programme is short.
  budget_spent: ({ currency }) =>
    conflict('budget_exhausted', `Programme ${code} has no ${currency} left to fund this application.`, { reason: 'budget_spent' }),
  ...windowRefusals(code),
});

/** Lanes the programme's places and money are split over (migration 11): claims in different lanes run side by side. */
export const LANES = 16;

/**
 * What the claim's statement stores as its outcome, and every answer is rendered from: the
 * application granted, or the refusal of a citizen found not eligible, with the decision kept.
 */
export type ClaimOutcome = {
  decision: DecisionDraft & { createdAt: string };
} & (
  | {
      result: 'applied';
      /** Amounts as text, times as RFC 3339: an Application in JSON. */
      application: Record<string, unknown> & { coursePrice: string; fundedAmount: string; learnerPart: string; createdAt: string };
      accountPeriod: { start: string; end: string };
    }
  | {
      /** An entry in a lottery window: drawn after the window closes. */
      result: 'entered';
      entry: Record<string, unknown> & { id: string; window: string; fundedAmount: string; coursePrice: string; learnerPart: string };
      accountPeriod: { start: string; end: string };
    }
  | { result?: undefined; refusal: ClaimRefusal }
);

/** Not eligible; or eligible but for the programme's money alone, which is no fault of the citizen. */
export type ClaimRefusal = 'not_eligible' | 'budget_exhausted';

const refusalOf = (decision: DecisionDraft): ClaimRefusal =>
  decision.reasons.every((reason) => reason.code === 'budget_exhausted') ? 'budget_exhausted' : 'not_eligible';

/** Keys answered before outcomes named their result hold { decision, application?, accountPeriod? }. */
type StoredBefore = { decision: ClaimOutcome['decision']; application?: unknown; result?: undefined; refusal?: undefined };

/** The outcome a key holds, in either shape it was stored in. */
export function claimOutcomeOf(stored: unknown): ClaimOutcome {
  const outcome = stored as ClaimOutcome | StoredBefore;
  if (outcome.result !== undefined || outcome.refusal !== undefined) return outcome;
  return outcome.application === undefined
    ? { decision: outcome.decision, refusal: refusalOf(outcome.decision) }
    : ({ ...outcome, result: 'applied' } as ClaimOutcome);
}

/** Decides and writes the claim, or hands back what its Idempotency-Key already holds; refusals are thrown. */
export async function claimCourseGrant(app: AppContext, request: CourseGrantClaim): Promise<StatementAnswer> {
  const { programmeCode } = request;
  const citizenId = request.principal.citizenId;
  if (!citizenId) throw notFound('Citizen');
  const today = app.clock.today();
  const context = await readClaimContext(app.sequelize, { programmeCode, citizenId, courseId: request.courseId, today });
  if (!context.inputs.facts) throw notFound('Citizen');
  const course = fundableCourse(programmeCode, context, today);
  const window = claimWindowOn(programmeCode, context.parameters, today);
  const decisionRequest = { citizenId, programmeCode, referenceDate: today, actor: request.principal, language: request.language };
  const { draft, facts } = await draftDecision(app, decisionRequest, context.inputs, (ruleSet) =>
    sharedFactsOf(ruleSet, context.inputs.budgetRemaining),
  );
  const funding = draft.eligible ? fundingTerms(app, context, course, draft, { programmeCode, citizenId, today }) : undefined;
  const refused = (error: unknown) => {
    throw refusalError(toLedgerError(error), refusalsOf(programmeCode));
  };
  if (funding && window?.allocation === 'lottery') {
    const { application, accountPeriod } = funding.outcome;
    const entry = entryOf(application, window, randomUUID());
    const outcome = { result: 'entered', decision: draft, entry, accountPeriod };
    const write = { programmeCode, citizenId, userId: request.principal.userId, today, outcome, facts };
    return entryStatement(app.sequelize, request.claim, write).catch(refused);
  }
  // A first-come window's claim is funded from the window's budget as well as the programme's.
  const firstCome = window && { window: { id: window.id, budget: window.budget } };
  // A claim works in one lane of places and money; one whose lane is short runs again as a refill.
  const lane = randomInt(LANES);
  const write = (refill: boolean) =>
    claimStatement(app.sequelize, request.claim, {
      programmeCode,
      citizenId,
      userId: request.principal.userId,
      today,
      outcome: funding
        ? { result: 'applied', decision: draft, ...funding.outcome, ...firstCome }
        : { refusal: refusalOf(draft), decision: draft },
      facts,
      placesPeriod: funding?.limits.period ?? null,
      closingDate: funding?.limits.closingDate ?? null,
      maxGrantsPerCourse: funding?.maxGrantsPerCourse ?? null,
      holdExpiresAt: funding?.holdExpiresAt ?? null,
      lanes: LANES,
      lane,
      refill,
    });
  return write(false)
    .catch((error: unknown) => {
      if (isRefusal(error, 'lane_short')) return write(true);
      throw error;
    })
    .catch(refused);
}

/** The approved course of an accredited provider, priced in the programme's currency; a refusal otherwise. */
function fundableCourse(programmeCode: string, context: ClaimContext, today: string): ClaimCourse {
  const { course } = context;
  if (!course) throw courseRefused('is not an approved course');
  if (course.currency !== context.currency)
    throw courseRefused(`is priced in ${course.currency}; the programme funds ${context.currency} courses`);
  if (!course.accredited) throw notAccredited(programmeCode, today);
  return course;
}

/** For an eligible citizen: the application drafted, and the limits and deadline of its funding. */
function fundingTerms(
  app: AppContext,
  context: ClaimContext,
  course: ClaimCourse,
  decision: DecisionDraft,
  claim: { programmeCode: string; citizenId: string; today: string },
) {
  const terms = courseGrantParametersOf(claim.programmeCode, context.parameters, claim.today);
  const { referencePrefix, maxGrantsPerCourse } = grantRulesOf(claim.programmeCode, terms.values);
  const year: ProgrammeYear = programmeYearOf(claim.today, terms.accountYearStartMonth);
  const { funded, learnerPart } = fundingOf(course.price, terms.yearlyMaximum);
  const verifyBy = verificationDeadline(claim.today, terms.verificationWeeks);
  const application = {
    id: randomUUID(),
    reference: newReference(referencePrefix),
    citizenId: claim.citizenId,
    citizenName: context.citizenName ?? '',
    decisionId: decision.decisionId,
    centreId: course.centreId,
    centreName: course.centreName,
    courseId: course.id,
    courseTitle: course.title,
    courseQualification: course.qualification,
    accountYear: year.year,
    periodEnd: year.end,
    coursePrice: course.price.toFixed(2),
    fundedAmount: funded.toFixed(2),
    learnerPart: learnerPart.toFixed(2),
    currency: context.currency,
    appliedOn: claim.today,
    verifyBy,
    createdAt: app.clock.now().toISOString(),
  };
  return {
    outcome: { application, accountPeriod: { start: year.start, end: year.end } },
    limits: limitsOf(terms.values, claim.today),
    maxGrantsPerCourse,
    holdExpiresAt: endOfDay(verifyBy).toISOString(),
  };
}

// A citizen's ITA claim: one approved course at one accredited provider becomes an application
// that holds min(course price, yearly maximum) on the citizen's entitlement for the account year
// until the provider verifies the evidence. Built for an opening burst: one read of everything
// the claim needs (claim-store.ts), the decision by the rules engine here, then one statement,
// ita_claim_application.sql, that claims the Idempotency-Key, stores the decision and, for an
// eligible citizen, takes a place, grants, holds and writes the application, taking the two rows
// every claim contends for last. The places target is not read here: the statement reads the one
// in force where it takes the place, so a change that commits while the claim is in flight is the
// one it is held to. A citizen found not eligible is refused with the decision kept: the refusal
// is the stored outcome (budget_exhausted when only the money is missing, not_eligible otherwise),
// rendered by the route (ita-claim-reply.ts).
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
import { endOfDay, fundingOf, ITA, verificationDeadline } from './ita-terms.js';

export type ItaClaim = { principal: Principal; courseId: string; language: Language; claim: IdempotencyClaim };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 'ITA-' and 10 random Crockford base32 characters (50 bits): handed to the provider, never guessed. */
export const newReference = () => `ITA-${Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)]).join('')}`;

const courseRefused = (message: string) => new RuleViolation('course_not_fundable', message, { errors: [{ path: '/courseId', message }] });

const REFUSALS: Refusals = {
  application_exists: ({ reference, accountYear, start }) =>
    conflict('application_exists', `You already have a funded application for the account year starting ${start}.`, {
      reference,
      accountYear: Number(accountYear),
    }),
  closing_date_passed: ({ closingDate }) => programmeClosed(ITA, closingDate ?? ''),
  places_target_reached: ({ target, period }) => placesTaken(ITA, { placesTarget: Number(target), period: period ?? '' }),
  // Found only when every lane was emptied back into the budget: the whole programme is short.
  budget_spent: ({ currency }) =>
    conflict('budget_exhausted', `Programme ${ITA} has no ${currency} left to fund this application.`, { reason: 'budget_spent' }),
};

/** Lanes the programme's places and money are split over (migration 11): claims in different lanes run side by side. */
const LANES = 16;

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
  if (outcome.result === 'applied' || outcome.refusal !== undefined) return outcome;
  return outcome.application === undefined
    ? { decision: outcome.decision, refusal: refusalOf(outcome.decision) }
    : ({ ...outcome, result: 'applied' } as ClaimOutcome);
}

/** Decides and writes the claim, or hands back what its Idempotency-Key already holds; refusals are thrown. */
export async function claimItaApplication(app: AppContext, request: ItaClaim): Promise<StatementAnswer> {
  const citizenId = request.principal.citizenId;
  if (!citizenId) throw notFound('Citizen');
  const today = app.clock.today();
  const context = await readClaimContext(app.sequelize, { citizenId, courseId: request.courseId, today });
  if (!context.inputs.facts) throw notFound('Citizen');
  const course = fundableCourse(context, today);
  const decisionRequest = { citizenId, programmeCode: ITA, referenceDate: today, actor: request.principal, language: request.language };
  const { draft, facts } = await draftDecision(app, decisionRequest, context.inputs, (ruleSet) =>
    sharedFactsOf(ruleSet, context.inputs.budgetRemaining),
  );
  const funding = draft.eligible ? fundingTerms(app, context, course, draft, { citizenId, today }) : undefined;
  // A claim works in one lane of places and money; one whose lane is short runs again as a refill.
  const lane = randomInt(LANES);
  const write = (refill: boolean) =>
    claimStatement(app.sequelize, request.claim, {
      citizenId,
      userId: request.principal.userId,
      today,
      outcome: funding ? { result: 'applied', decision: draft, ...funding.outcome } : { refusal: refusalOf(draft), decision: draft },
      facts,
      placesPeriod: funding?.limits.period ?? null,
      closingDate: funding?.limits.closingDate ?? null,
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
    .catch((error: unknown) => {
      throw refusalError(toLedgerError(error), REFUSALS);
    });
}

/** The approved course of an accredited provider, priced in the programme's currency; a refusal otherwise. */
function fundableCourse(context: ClaimContext, today: string): ClaimCourse {
  const { course } = context;
  if (!course) throw courseRefused('is not an approved course');
  if (course.currency !== context.currency)
    throw courseRefused(`is priced in ${course.currency}; the programme funds ${context.currency} courses`);
  if (!course.accredited) throw notAccredited(ITA, today);
  return course;
}

/** For an eligible citizen: the application drafted, and the limits and deadline of its funding. */
function fundingTerms(
  app: AppContext,
  context: ClaimContext,
  course: ClaimCourse,
  decision: DecisionDraft,
  claim: { citizenId: string; today: string },
) {
  const terms = courseGrantParametersOf('ITA', context.parameters, claim.today);
  const year: ProgrammeYear = programmeYearOf(claim.today, terms.accountYearStartMonth);
  const { funded, learnerPart } = fundingOf(course.price, terms.yearlyMaximum);
  const verifyBy = verificationDeadline(claim.today, terms.verificationWeeks);
  const application = {
    id: randomUUID(),
    reference: newReference(),
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
    holdExpiresAt: endOfDay(verifyBy).toISOString(),
  };
}

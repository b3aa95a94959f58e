// A citizen's ITA claim: one approved course at one accredited provider becomes an application
// that holds min(course price, yearly maximum) on the citizen's entitlement for the account year
// until the provider verifies the evidence. Built for an opening burst: one read of everything
// the claim needs (claim-store.ts), the decision by the rules engine here, then one statement,
// ita_claim_application (migration 11), that claims the Idempotency-Key, stores the decision
// and, for an eligible citizen, takes a place, grants, holds and writes the application, taking
// the two rows every claim contends for last. The places target is not read here: the statement
// reads the one in force where it takes the place (migration 18), so a change that commits while
// the claim is in flight is the one it is held to. A citizen found not eligible gets the refusal
// with the decision kept: 409 budget_exhausted when only the money is missing, 422 not_eligible
// otherwise.
import { randomInt, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notAccredited } from '../centres/accreditation-check.js';
import { queryRows } from '../db/database.js';
import { isRefusal, refusalError, type Refusals } from '../db/refusal.js';
import { decisionView, draftDecision, type DecisionView } from '../eligibility/decision-service.js';
import type { DecisionDraft } from '../eligibility/decision-store.js';
import { sharedFactsOf } from '../eligibility/fact-store.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { answerInStatement, type IdempotencyClaim, type StatementAnswer } from '../http/idempotency.js';
import { problemOf } from '../http/problem.js';
import type { Reply } from '../http/route.js';
import type { Language } from '../shared/language.js';
import { toLedgerError } from '../ledger/ledger.js';
import { itaParametersOf, limitsOf, placesTaken, programmeClosed, programmeYearOf, type ProgrammeYear } from '../programmes/programmes.js';
import { applicationView } from './application-view.js';
import type { Application } from './application-store.js';
import { readClaimContext, type ClaimContext, type ClaimCourse } from './claim-store.js';
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

/** What the claim's statement stores as its outcome, and every answer is rendered from. */
type ClaimOutcome = {
  decision: DecisionDraft & { createdAt: string };
  /** Amounts as text, times as RFC 3339: an Application in JSON. */
  application?: Record<string, unknown> & { coursePrice: string; fundedAmount: string; learnerPart: string; createdAt: string };
  accountPeriod?: { start: string; end: string };
};

export async function claimItaApplication(app: AppContext, request: ItaClaim): Promise<Reply> {
  const statement = async (): Promise<StatementAnswer> => {
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
      queryRows<StatementAnswer>(
        app.sequelize,
        `SELECT * FROM ita_claim_application($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14, $15)`,
        [
          request.claim.scope,
          request.claim.key,
          request.claim.fingerprint,
          citizenId,
          request.principal.userId,
          today,
          JSON.stringify({ decision: draft, ...(funding?.outcome ?? {}) }),
          JSON.stringify(facts),
          funding ? null : refusalStatusOf(draft),
          funding?.limits.period ?? null,
          funding?.limits.closingDate ?? null,
          funding?.holdExpiresAt ?? null,
          LANES,
          lane,
          refill,
        ],
      );
    const [answer] = await write(false)
      .catch((error: unknown) => {
        if (isRefusal(error, 'lane_short')) return write(true);
        throw error;
      })
      .catch((error: unknown) => {
        throw refusalError(toLedgerError(error), REFUSALS);
      });
    if (!answer) throw new Error('ita_claim_application returned no answer');
    return answer;
  };
  return answerInStatement(app.sequelize, request.claim, statement, (outcome, status) =>
    renderClaim(outcome as ClaimOutcome, status, request),
  );
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
  const terms = itaParametersOf(context.parameters, claim.today);
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

/** Only the programme's money missing: the citizen is not at fault, and the answer is the programme's 409. */
const refusalStatusOf = (decision: DecisionDraft) => (decision.reasons.every((reason) => reason.code === 'budget_exhausted') ? 409 : 422);

function renderClaim(outcome: ClaimOutcome, status: number, request: ItaClaim) {
  const decision = decisionView(outcome.decision, request.language);
  if (status !== 201 || !outcome.application || !outcome.accountPeriod) return refusalOf(decision, status, request.claim.instance);
  return { ...applicationView(applicationOf(outcome.application)), accountPeriod: outcome.accountPeriod, decision };
}

function refusalOf(decision: DecisionView, status: number, instance: string) {
  const refusal =
    status === 409
      ? conflict('budget_exhausted', `Programme ${ITA} has no budget left to fund an application.`, {
          reason: 'budget_spent',
          decisionId: decision.decisionId,
          ruleSet: decision.ruleSet,
        })
      : new RuleViolation('not_eligible', 'You are not eligible for an Individual Training Account today.', {
          reasons: decision.reasons,
          decisionId: decision.decisionId,
          nextEligibleOn: decision.nextEligibleOn,
          ruleSet: decision.ruleSet,
        });
  return problemOf(refusal, instance);
}

/** A new application as the outcome holds it (completed by the database), for the view. */
function applicationOf(json: NonNullable<ClaimOutcome['application']>): Application {
  const text = (name: string) => String(json[name]);
  return {
    id: text('id'),
    reference: text('reference'),
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
    createdAt: new Date(json.createdAt),
  };
}

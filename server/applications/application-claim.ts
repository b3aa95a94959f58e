// A citizen's ITA claim: one approved course at one accredited provider becomes an application
// that holds min(course price, yearly maximum) on the citizen's entitlement for the account year
// until the provider verifies the evidence. Everything happens in the caller's transaction (the
// claims route's idempotency transaction), so a refusal at any step leaves nothing behind, except
// the eligibility decision of a citizen found not eligible: that refusal is returned as a 422
// reply (like the LBC claim's), so the decision it names stays stored and replayable.
// Returns the reply: { status: 201, body } or { status: 422, body: problem }.
//
// Order matters under an opening burst: the per-citizen and per-course work comes first, and the
// two rows every claim contends for (the programme's places counter and its budget account) are
// locked last, so they are held for the shortest time before commit.
import { randomInt, randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { assertActiveAccreditation, findApprovedCourse } from '../centres/accreditation-check.js';
import { inTransaction } from '../db/database.js';
import { decideEligibility, type DecisionView } from '../eligibility/decision-service.js';
import { AppError, conflict, notFound, RuleViolation } from '../errors.js';
import { problemOf } from '../http/problem.js';
import type { Language } from '../http/route.js';
import { placeHold } from '../ledger/ledger-holds.js';
import { postTransaction } from '../ledger/ledger-postings.js';
import { afterBudgetCharge, assertProgrammeOpen } from '../programmes/budget-guard.js';
import { insertApplication, type Application } from './application-store.js';
import { centreName, entitlementForYear, fundedApplicationIn, lockCitizen } from './claim-store.js';
import { applicationView } from './application-view.js';
import { budgetAccountOf, entitlementAccountOf } from './ita-accounts.js';
import { accountYearOf, endOfDay, fundingOf, ITA, itaTermsOn, verificationDeadline } from './ita-terms.js';

export type ItaClaim = {
  principal: Principal;
  courseId: string;
  transaction: Transaction | undefined;
  language: Language;
  requestId: string;
  /** The request path, for the problem's `instance` when the citizen is not eligible. */
  instance?: string;
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 'ITA-' and 10 random Crockford base32 characters (50 bits): handed to the provider, never guessed. */
export const newReference = () => `ITA-${Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)]).join('')}`;

const courseRefused = (message: string) => new RuleViolation('course_not_fundable', message, { errors: [{ path: '/courseId', message }] });

export async function claimItaApplication(app: AppContext, claim: ItaClaim) {
  const { sequelize } = app;
  const citizenId = claim.principal.citizenId;
  if (!citizenId) throw notFound('Citizen');
  return inTransaction(sequelize, claim.transaction, async (t) => {
    const today = app.clock.today();
    const applicant = await lockCitizen(sequelize, citizenId, t);
    if (!applicant) throw notFound('Citizen');
    const course = await findApprovedCourse(sequelize, claim.courseId, t);
    if (!course) throw courseRefused('is not an approved course');
    const { budgetAccountId, currency } = await budgetAccountOf(sequelize, t);
    if (course.currency !== currency) throw courseRefused(`is priced in ${course.currency}; the programme funds ${currency} courses`);
    await assertActiveAccreditation(sequelize, course.centreId, ITA, today, t);

    const decision = await decideEligibility(app, { citizenId, programmeCode: ITA, referenceDate: today, actor: claim.principal, language: claim.language }, t);
    // Returned, not thrown: a throw would roll back the stored decision the refusal names.
    if (!decision.eligible) return refusalOf(decision, claim.instance);
    const terms = await itaTermsOn(sequelize, today, t);
    const year = accountYearOf(today, terms.accountYearStartMonth);
    const existing = await fundedApplicationIn(sequelize, citizenId, year.year, t);
    if (existing) {
      throw conflict('application_exists', `You already have a funded application for the account year starting ${year.start}.`, {
        reference: existing.reference,
        accountYear: year.year,
      });
    }
    const { funded, learnerPart } = fundingOf(course.price, terms.yearlyMaximum);
    const entitlementId = await entitlementForYear(sequelize, citizenId, ITA, year, t);
    const application: Application = {
      id: randomUUID(), reference: newReference(), citizenId, citizenUserId: applicant.userId, citizenName: applicant.name, entitlementId,
      decisionId: decision.decisionId, centreId: course.centreId, centreName: await centreName(sequelize, course.centreId, t), courseId: course.id,
      courseTitle: course.title, courseQualification: course.qualification, accountYear: year.year, periodEnd: year.end, coursePrice: course.price,
      fundedAmount: funded, learnerPart, currency, status: 'pending_verification', appliedOn: today,
      verifyBy: verificationDeadline(today, terms.verificationWeeks), grantTransactionId: '', holdId: '', verifiedAt: null, courseStartDate: null,
      claimTransactionId: null, claimedAt: null, releaseTransactionId: null, closedAt: null, createdAt: app.clock.now(),
    };
    const accounts = { budgetAccountId, entitlementAccountId: await entitlementAccountOf(sequelize, entitlementId, currency, t) };
    const funding = await fundApplication(sequelize, application, accounts, terms.values, t);
    const body = { ...applicationView({ ...application, ...funding }), accountPeriod: { start: year.start, end: year.end }, decision };
    return { status: 201, body };
  });
}

/**
 * The part every claim contends for, kept to the end of the transaction: a place, the grant from
 * the budget, the hold until the verification deadline, the row, and the budget alerts.
 */
async function fundApplication(
  sequelize: Sequelize,
  application: Application,
  accounts: { budgetAccountId: string; entitlementAccountId: string },
  parameters: Record<string, unknown>,
  t: Transaction,
): Promise<{ grantTransactionId: string; holdId: string }> {
  const { id: applicationId, reference, fundedAmount: funded, appliedOn: today } = application;
  await assertProgrammeOpen(sequelize, ITA, today, t, parameters);
  const grant = await postTransaction(
    sequelize,
    {
      kind: 'grant',
      businessDate: today,
      metadata: { programme: ITA, applicationId, reference, courseId: application.courseId, centreId: application.centreId },
      entries: [
        { accountId: accounts.budgetAccountId, amount: funded.negated() },
        { accountId: accounts.entitlementAccountId, amount: funded },
      ],
    },
    t,
  ).catch((error: unknown) => {
    throw budgetShort(error, accounts.budgetAccountId, application.currency);
  });
  const hold = await placeHold(
    sequelize,
    { accountId: accounts.entitlementAccountId, amount: funded, expiresAt: endOfDay(application.verifyBy), metadata: { applicationId, reference, purpose: 'ita_application' } },
    t,
  );
  const funding = { grantTransactionId: grant.transactionId, holdId: hold.holdId };
  await insertApplication(sequelize, { ...application, ...funding }, t);
  await afterBudgetCharge(sequelize, ITA, t);
  return funding;
}

/**
 * 422 not_eligible; but when the only thing missing is money in the programme, the citizen is
 * not at fault and the answer is the programme's: 409 budget_exhausted, with the decision.
 */
function refusalOf(decision: DecisionView, instance: string | undefined) {
  if (decision.reasons.every((reason) => reason.code === 'budget_exhausted')) {
    const error = conflict('budget_exhausted', `Programme ${ITA} has no budget left to fund an application.`, {
      reason: 'budget_spent',
      decisionId: decision.decisionId,
      ruleSet: decision.ruleSet,
    });
    return { status: 409, body: problemOf(error, instance) };
  }
  return { status: 422, body: notEligibleProblem(decision, instance) };
}

function notEligibleProblem(decision: DecisionView, instance: string | undefined) {
  const error = new RuleViolation('not_eligible', 'You are not eligible for an Individual Training Account today.', {
    reasons: decision.reasons,
    decisionId: decision.decisionId,
    nextEligibleOn: decision.nextEligibleOn,
    ruleSet: decision.ruleSet,
  });
  return problemOf(error, instance);
}

/** The budget account refusing the grant means the programme's money is gone: 409, not 422. */
function budgetShort(error: unknown, budgetAccountId: string, currency: string): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict('budget_exhausted', `Programme ${ITA} has no ${currency} left to fund this application.`, { reason: 'budget_spent' });
  }
  return error;
}

// A citizen's claim on a credit_lots programme (SkillsFuture Credit): one approved course of the
// programme at an accredited provider, in one transaction. The citizen row is locked, so the
// citizen's claims and grants go one at a time (of two claims for the last credit, exactly one gets
// it); eligibility is decided for today and kept; the lots that are due are granted; then the
// course's price (or what the paying lots hold, when less) is drawn from the lots in the
// programme's deduction order into the application's own escrow account [grant], where a hold
// keeps it for the application until the provider verifies and claims it through the applications'
// endpoints. A cancelled or lapsed application reverses that grant: each lot gets back what it
// gave, and what lands on a lot past its last day goes on to the budget with the expiry job.
import { randomInt, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { insertAccountApplication } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { assertActiveAccreditation } from '../centres/centres.js';
import { decideEligibility, type DecisionView } from '../eligibility/eligibility.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { openAccount, placeHold, postTransaction } from '../ledger/ledger.js';
import {
  assertProgrammeOpen,
  creditLotsParametersOf,
  findProgramme,
  limitsOf,
  parametersOn,
  programmeClosed,
  type ProgrammeRow,
} from '../programmes/programmes.js';
import { addDays } from '../shared/calendar.js';
import type { Language } from '../shared/language.js';
import { grantDueLots } from './lot-grant.js';
import { drawsFor, payingLots } from './lot-rules.js';
import { findApprovedCourse, findCreditRight, insertCreditRight, insertDraws, lockCitizen, lotsOf, type LotCourse } from './lot-store.js';

export type CreditLotsClaimInput = { code: string; principal: Principal; courseId: string; transaction: Transaction; language: Language };

export type LotDrawView = { lot: string; amount: { amount: string; currency: string } };

/** The application with what each lot gave, or a refusal for eligibility RETURNED (not thrown) so its decision stays stored. */
export type CreditLotsClaim =
  | {
      result: 'applied';
      application: Awaited<ReturnType<typeof insertAccountApplication>>;
      draws: LotDrawView[];
      lotsGranted: string[];
      decision: DecisionView;
    }
  | { refusal: 'not_eligible'; decision: DecisionView };

/** The right is open-ended: its lots end, it does not (the last day the tables take). */
const OPEN_ENDED = '2199-12-31';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = (prefix: string) => `${prefix}-${Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)]).join('')}`;
/** A hold lasts to the end of its last day (UTC, the service's business day). */
const endOfDay = (date: string) => new Date(`${addDays(date, 1)}T00:00:00Z`);

const courseRefused = (message: string) => new RuleViolation('course_not_fundable', message, { errors: [{ path: '/courseId', message }] });

export async function claimCreditLots(app: AppContext, input: CreditLotsClaimInput): Promise<CreditLotsClaim> {
  const { sequelize } = app;
  const { code, transaction: t } = input;
  const programme = await findProgramme(sequelize, code, t);
  // The claims dispatcher only sends credit_lots programmes here; anything else is a wiring bug.
  if (programme?.kind !== 'credit_lots') throw new Error(`programme ${code} is not a credit-lots programme`);
  const citizenId = input.principal.citizenId;
  const citizen = citizenId ? await lockCitizen(sequelize, citizenId, t) : undefined;
  if (!citizenId || !citizen) throw notFound('Citizen');
  const today = app.clock.today();
  const course = await findApprovedCourse(sequelize, input.courseId, t);
  if (!course || course.programmeCode !== code) throw courseRefused(`is not a course approved for ${code}`);
  await assertActiveAccreditation(sequelize, course.centreId, code, today, t);
  const decision = await decideEligibility(
    app,
    { citizenId, programmeCode: code, referenceDate: today, actor: { userId: input.principal.userId }, language: input.language },
    t,
  );
  if (!decision.eligible) return { refusal: 'not_eligible', decision };
  const values = await parametersOn(sequelize, code, today, t);
  const parameters = creditLotsParametersOf(code, values, today);
  const rightId = await openRight(app, { programme, citizenId, decisionId: decision.decisionId, values: values ?? {}, today }, t);
  const lotsGranted = await grantDueLots(
    app,
    {
      programmeCode: code,
      citizenId,
      grantee: { birthDate: citizen.birthDate, groups: decision.groups ?? [] },
      lots: parameters.lots,
      decisionId: decision.decisionId,
      today,
    },
    t,
  );
  const lots = await lotsOf(sequelize, { programmeCode: code, citizenId }, { transaction: t });
  const draws = drawsFor(payingLots(lots, course.tags, parameters.deductionOrder, today), course.price);
  if (draws.length === 0) {
    throw conflict('no_credit_left', `None of your ${code} credit may pay for this course today.`, { courseId: course.id });
  }
  const funded = draws.reduce((sum, draw) => sum.plus(draw.amount), new Decimal(0));
  const applicationId = randomUUID();
  const escrow = await openAccount(
    sequelize,
    { ownerType: 'credit_application', ownerId: applicationId, programmeCode: code, unit: programme.currency, mayGoNegative: false },
    t,
  );
  const accountOf = new Map(lots.map((lot) => [lot.id, lot.accountId]));
  const reference = newReference(parameters.referencePrefix ?? code);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'grant',
      businessDate: today,
      idempotencyKey: `credit-lots-draw:${applicationId}`,
      metadata: { programme: code, applicationId, reference, courseId: course.id, centreId: course.centreId },
      entries: [
        ...draws.map((draw) => ({ accountId: accountOf.get(draw.lotGrantId) ?? '', amount: draw.amount.negated() })),
        { accountId: escrow, amount: funded },
      ],
    },
    t,
  );
  const verifyBy = addDays(today, parameters.verificationWeeks * 7);
  const hold = await placeHold(
    sequelize,
    {
      accountId: escrow,
      amount: funded,
      expiresAt: endOfDay(verifyBy),
      metadata: { applicationId, reference, purpose: 'credit_lots_application' },
    },
    t,
  );
  const application = await insertAccountApplication(
    sequelize,
    applicationOf(
      course,
      { id: applicationId, reference, citizenId, rightId, decisionId: decision.decisionId, funded, today, verifyBy },
      {
        grantTransactionId: posted.transactionId,
        holdId: hold.holdId,
      },
    ),
    t,
  );
  await insertDraws(sequelize, applicationId, draws, t);
  const drawViews = draws.map((draw) => ({ lot: draw.lot, amount: { amount: draw.amount.toFixed(2), currency: programme.currency } }));
  return { result: 'applied', application, draws: drawViews, lotsGranted, decision };
}

/**
 * The citizen's right in the programme: found, or opened at their first claim, which takes a place
 * (the places target counts citizens) and is refused after the closing date. A later claim is
 * refused after the closing date too.
 */
async function openRight(
  app: AppContext,
  request: { programme: ProgrammeRow; citizenId: string; decisionId: string; values: Record<string, unknown>; today: string },
  t: Transaction,
): Promise<string> {
  const { sequelize } = app;
  const { programme, today } = request;
  const owner = { programmeCode: programme.code, citizenId: request.citizenId };
  const found = await findCreditRight(sequelize, owner, t);
  if (found) {
    const { closingDate } = limitsOf(request.values, today);
    if (closingDate !== null && today > closingDate) throw programmeClosed(programme.code, closingDate);
    return found.id;
  }
  await assertProgrammeOpen(sequelize, programme.code, today, t, request.values);
  return insertCreditRight(sequelize, { ...owner, start: today, end: OPEN_ENDED, decisionId: request.decisionId }, t);
}

function applicationOf(
  course: LotCourse,
  claim: {
    id: string;
    reference: string;
    citizenId: string;
    rightId: string;
    decisionId: string;
    funded: Decimal;
    today: string;
    verifyBy: string;
  },
  ledger: { grantTransactionId: string; holdId: string },
) {
  return {
    id: claim.id,
    reference: claim.reference,
    citizenId: claim.citizenId,
    entitlementId: claim.rightId,
    decisionId: claim.decisionId,
    centreId: course.centreId,
    courseId: course.id,
    accountYear: Number(claim.today.slice(0, 4)),
    coursePrice: course.price,
    fundedAmount: claim.funded,
    learnerPart: course.price.minus(claim.funded),
    currency: course.currency,
    appliedOn: claim.today,
    verifyBy: claim.verifyBy,
    ...ledger,
  };
}

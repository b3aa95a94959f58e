// A citizen's claim on an accruing account programme, in one transaction: eligibility is decided
// (and kept, also when it refuses); the first eligible claim opens the account; the account year
// accrues if it has not; and, with a course, an application takes the course's price less the
// co-payment out of the account into its own escrow account, where it is held until the provider
// verifies and claims it (the applications component's flows). Top-ups tied to the course go
// first, then those tied to none, then the citizen's own money; what the account cannot cover,
// the learner pays. Claims of one citizen queue on the citizen's row, so two racing for the last
// money see each other: one holds it, the other finds the account empty.
import { randomInt, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { insertAccountApplication, type AccountApplicationView as ApplicationView } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { notAccredited } from '../centres/centres.js';
import { decideEligibility, type DecisionView } from '../eligibility/eligibility.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { getAccount, openAccount, placeHold, postTransaction } from '../ledger/ledger.js';
import { findProgramme, parametersOn, programmeYearOf } from '../programmes/programmes.js';
import { addDays, addYears } from '../shared/calendar.js';
import type { Language } from '../shared/language.js';
import { findAccount, findCourse, insertAccount, lockCitizen, type Account, type SpendableCourse } from './account-store.js';
import { accountTermsOf, drawsFor, endOfDay, verificationDeadline, type AccountTerms } from './account-terms.js';
import { accountBalance, accountTopUps } from './account-view.js';
import { accrueYear } from './accrual.js';
import { spendableTopUps } from './top-up-store.js';

export type AccountClaimInput = {
  code: string;
  principal: Principal;
  courseId: string | undefined;
  language: Language;
  transaction: Transaction;
};

/** A refusal for eligibility is RETURNED (not thrown), so the decision stays stored. */
export type AccountClaim =
  | { result: 'claimed'; account: Awaited<ReturnType<typeof accountSummary>>; application: ApplicationView | null; decision: DecisionView }
  | { refusal: 'not_eligible'; decision: DecisionView };

/** An account stays open for a working life: its entitlement's period only dates it. */
const ACCOUNT_YEARS = 50;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = (prefix: string) => `${prefix}-${Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)]).join('')}`;

const courseRefused = (message: string) => new RuleViolation('course_not_fundable', message, { errors: [{ path: '/courseId', message }] });

export async function claimAccount(app: AppContext, input: AccountClaimInput): Promise<AccountClaim> {
  const { sequelize } = app;
  const { code, transaction: t } = input;
  const programme = await findProgramme(sequelize, code, t);
  // The claims dispatcher only sends accruing_account programmes here; anything else is a wiring bug.
  if (programme?.kind !== 'accruing_account') throw new Error(`programme ${code} is not an accruing account`);
  const citizenId = input.principal.citizenId;
  if (!citizenId || !(await lockCitizen(sequelize, citizenId, t))) throw notFound('Citizen');
  const today = app.clock.today();
  const decision = await decideEligibility(
    app,
    { citizenId, programmeCode: code, referenceDate: today, actor: { userId: input.principal.userId }, language: input.language },
    t,
  );
  if (!decision.eligible) return { refusal: 'not_eligible', decision };
  const groups = decision.groups ?? [];
  const terms = accountTermsOf(code, await parametersOn(sequelize, code, today, t), today, groups);
  const account =
    (await findAccount(sequelize, citizenId, code, t)) ?? (await openNewAccount(app, { code, citizenId, today, terms, decision }, t));
  await accrueYear(app, account, { onDate: today, groups }, t);
  const application =
    input.courseId === undefined ? null : await spend(app, { account, terms, decision, courseId: input.courseId, today }, t);
  return { result: 'claimed', account: await accountSummary(app, account, t), application, decision };
}

async function openNewAccount(
  app: AppContext,
  open: { code: string; citizenId: string; today: string; terms: AccountTerms; decision: DecisionView },
  t: Transaction,
): Promise<Account> {
  const { currency } = await programmeCurrency(app, open.code, t);
  const entitlementId = randomUUID();
  const accountId = await openAccount(
    app.sequelize,
    { ownerType: 'entitlement', ownerId: entitlementId, programmeCode: open.code, unit: currency, mayGoNegative: false },
    t,
  );
  const start = programmeYearOf(open.today, open.terms.accountYearStartMonth).start;
  return insertAccount(
    app.sequelize,
    {
      entitlementId,
      citizenId: open.citizenId,
      code: open.code,
      start,
      end: addDays(addYears(start, ACCOUNT_YEARS), -1),
      decisionId: open.decision.decisionId,
      accountId,
    },
    t,
  );
}

async function programmeCurrency(app: AppContext, code: string, t?: Transaction) {
  const programme = await findProgramme(app.sequelize, code, t);
  if (!programme) throw notFound(`Programme ${code}`);
  return { currency: programme.currency };
}

/** The approved course of this programme at an accredited provider; a refusal otherwise. */
async function spendableCourse(app: AppContext, courseId: string, on: { code: string; today: string }, t: Transaction) {
  const course = await findCourse(app.sequelize, courseId, on, t);
  if (!course?.approved || course.programmeCode !== on.code) throw courseRefused(`is not an approved course of programme ${on.code}`);
  if (!course.accredited) throw notAccredited(on.code, on.today);
  return course;
}

async function spend(
  app: AppContext,
  claim: { account: Account; terms: AccountTerms; decision: DecisionView; courseId: string; today: string },
  t: Transaction,
): Promise<ApplicationView> {
  const { sequelize } = app;
  const { account, terms, today } = claim;
  const code = account.programmeCode;
  const course: SpendableCourse = await spendableCourse(app, claim.courseId, { code, today }, t);
  const need = course.price.minus(terms.coPayment);
  if (need.lte(0))
    throw courseRefused(`costs no more than the co-payment of ${terms.coPayment.toFixed(2)}: the account pays nothing of it`);
  const topUps = await spendableTopUps(sequelize, account.entitlementId, course.id, today, t);
  const own = await getAccount(sequelize, account.accountId, t);
  const { funded, draws } = drawsFor(need, topUps, { accountId: account.accountId, available: own?.available ?? new Decimal(0) });
  if (funded.isZero())
    throw conflict('account_empty', 'Your account has no money left to pay for this course.', { entitlementId: account.entitlementId });
  const id = randomUUID();
  const reference = newReference(terms.referencePrefix);
  const escrowId = await openAccount(
    sequelize,
    { ownerType: 'account_application', ownerId: id, programmeCode: code, unit: course.currency, mayGoNegative: false },
    t,
  );
  const reserved = await postTransaction(
    sequelize,
    {
      kind: 'reserve',
      businessDate: today,
      idempotencyKey: `account-application:${id}`,
      metadata: { programme: code, applicationId: id, reference, courseId: course.id, centreId: course.centreId },
      entries: [
        ...draws.map((draw) => ({ accountId: draw.accountId, amount: draw.amount.negated() })),
        { accountId: escrowId, amount: funded },
      ],
    },
    t,
  );
  const verifyBy = verificationDeadline(today, terms.verificationWeeks);
  const hold = await placeHold(
    sequelize,
    {
      accountId: escrowId,
      amount: funded,
      expiresAt: endOfDay(verifyBy),
      metadata: { applicationId: id, reference, purpose: 'account_application' },
    },
    t,
  );
  return insertAccountApplication(
    sequelize,
    {
      id,
      reference,
      citizenId: account.citizenId,
      entitlementId: account.entitlementId,
      decisionId: claim.decision.decisionId,
      centreId: course.centreId,
      courseId: course.id,
      accountYear: programmeYearOf(today, terms.accountYearStartMonth).year,
      coursePrice: course.price,
      fundedAmount: funded,
      learnerPart: course.price.minus(funded),
      currency: course.currency,
      appliedOn: today,
      verifyBy,
      grantTransactionId: reserved.transactionId,
      holdId: hold.holdId,
    },
    t,
  );
}

/** The account as its claim answers it: its own money and its top-ups, in the programme's currency. */
export async function accountSummary(app: AppContext, account: Account, t?: Transaction) {
  const { currency } = await programmeCurrency(app, account.programmeCode, t);
  const balance = await accountBalance(app.sequelize, account, t);
  return {
    entitlementId: account.entitlementId,
    programme: account.programmeCode,
    openedOn: account.openedOn,
    balance: {
      accrued: balance.granted.toFixed(2),
      reserved: balance.reserved.toFixed(2),
      used: balance.used.toFixed(2),
      available: balance.available.toFixed(2),
      currency,
    },
    topUps: await accountTopUps(app.sequelize, account.entitlementId, t),
  };
}

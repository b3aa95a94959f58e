// What a claim on a course would fund and what the learner would pay, shown before the citizen
// confirms, worked out by the same terms the claim uses. A course grant's share is its pure rule
// (the course's price up to the yearly maximum). An accruing account's and a credit-lots claim's
// depend on what the claim itself does first (decide eligibility and its groups, open the
// account and accrue the year, grant the lots come due, draw top-ups or lots in order), so their
// claim is run in full inside a transaction that is then rolled back: the quote is that claim's
// own answer, and nothing of it stays.
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { claimAccount } from '../accounts/accounts.js';
import type { AppContext } from '../app-context.js';
import { quoteCourseGrant } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { claimCreditLots } from '../credit-lots/credit-lots.js';
import type { Language } from '../shared/language.js';

export type QuoteRequest = {
  app: AppContext;
  programme: { code: string; kind: 'course_grant' | 'accruing_account' | 'credit_lots' };
  principal: Principal;
  course: { id: string; price: Decimal };
  language: Language;
};

type Money = { amount: string; currency: string };

export type ClaimQuote =
  | {
      result: 'funded';
      funded: string;
      learnerPart: string;
      /** For credit lots: what each lot would give, in the order the claim draws them. */
      draws: { lot: string; amount: Money }[];
    }
  | { result: 'not_eligible' };

/** Thrown to end the quote's transaction with a rollback; caught right there. */
class RolledBack extends Error {}

/** `work`'s answer, with everything it wrote undone. */
async function rolledBack<T>(sequelize: Sequelize, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  const answer: { value?: T } = {};
  await sequelize
    .transaction(async (transaction) => {
      answer.value = await work(transaction);
      throw new RolledBack('quote rolled back');
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  if (!('value' in answer)) throw new Error('a rolled-back quote left no answer');
  return answer.value as T;
}

/** The quote of a claim on `course`; the claim's refusals (course not fundable, nothing left ...) are thrown as the claim throws them. */
export async function quoteClaim(request: QuoteRequest): Promise<ClaimQuote> {
  const { app, programme, principal, course, language } = request;
  if (programme.kind === 'course_grant') {
    const { funded, learnerPart } = await quoteCourseGrant(app, programme.code, course.price);
    return { result: 'funded', funded: funded.toFixed(2), learnerPart: learnerPart.toFixed(2), draws: [] };
  }
  const input = { code: programme.code, principal, courseId: course.id, language };
  if (programme.kind === 'accruing_account') {
    const claim = await rolledBack(app.sequelize, (transaction) => claimAccount(app, { ...input, transaction }));
    if ('refusal' in claim || !claim.application) return { result: 'not_eligible' };
    const { fundedAmount, learnerPart } = claim.application;
    return { result: 'funded', funded: fundedAmount.amount, learnerPart: learnerPart.amount, draws: [] };
  }
  const claim = await rolledBack(app.sequelize, (transaction) => claimCreditLots(app, { ...input, transaction }));
  if ('refusal' in claim) return { result: 'not_eligible' };
  const { fundedAmount, learnerPart } = claim.application;
  return { result: 'funded', funded: fundedAmount.amount, learnerPart: learnerPart.amount, draws: claim.draws };
}

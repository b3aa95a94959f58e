// The money rules of an accruing account, pure so they are unit-testable: which accrual and
// ceiling apply to a citizen, what a year accrues, what a course costs the account and the
// learner, and how a claim draws on tied top-ups before the citizen's own money.
import { Decimal } from 'decimal.js';
import { AppError } from '../errors.js';
import { readAccruingAccountValues, type AccruingAccountParameters } from '../programmes/programmes.js';
import { addDays } from '../shared/calendar.js';

export type AccountTerms = {
  yearlyAccrual: Decimal;
  ceiling: Decimal;
  coPayment: Decimal;
  accountYearStartMonth: number;
  verificationWeeks: number;
  referencePrefix: string;
  values: AccruingAccountParameters;
};

/**
 * The terms of a citizen in `groups` (set by the rule set's group rules): the boost's accrual and
 * ceiling for its group, no co-payment for an exempt group. Values are validated when written, so
 * a version that does not read is an operational fault: 503.
 */
export function accountTermsOf(code: string, stored: Record<string, unknown> | undefined, onDate: string, groups: readonly string[]) {
  const parsed = stored && readAccruingAccountValues.safeParse(stored);
  if (!parsed?.success)
    throw new AppError(503, 'programme_not_configured', `The ${code} programme has no parameters in force on ${onDate}.`);
  const values = parsed.data as AccruingAccountParameters;
  const boosted = values.boost !== null && groups.includes(values.boost.group);
  const exempt = values.coPaymentExemptGroups.some((group) => groups.includes(group));
  return {
    yearlyAccrual: new Decimal(boosted && values.boost ? values.boost.yearlyAccrual : values.yearlyAccrual),
    ceiling: new Decimal(boosted && values.boost ? values.boost.ceiling : values.ceiling),
    coPayment: exempt ? new Decimal(0) : new Decimal(values.coPayment),
    accountYearStartMonth: values.accountYearStartMonth,
    verificationWeeks: values.verificationWeeks,
    referencePrefix: values.referencePrefix ?? code,
    values,
  } satisfies AccountTerms;
}

/** A year's accrual: the yearly amount, never taking the account (held money included) past its ceiling. */
export function accrualOf(terms: Pick<AccountTerms, 'yearlyAccrual' | 'ceiling'>, balance: Decimal): Decimal {
  return Decimal.max(0, Decimal.min(terms.yearlyAccrual, terms.ceiling.minus(balance)));
}

export type Source = { accountId: string; available: Decimal };
export type Draw = { accountId: string; amount: Decimal };

/**
 * What the account funds of a course: its price less the co-payment, as far as the tied top-ups
 * (in the order given: the earliest deadline first) and then the citizen's own money reach.
 */
export function drawsFor(need: Decimal, topUps: readonly Source[], own: Source): { funded: Decimal; draws: Draw[] } {
  const draws: Draw[] = [];
  let left = need;
  for (const source of [...topUps, own]) {
    const amount = Decimal.min(left, source.available);
    if (amount.gt(0)) {
      draws.push({ accountId: source.accountId, amount });
      left = left.minus(amount);
    }
  }
  return { funded: need.minus(left), draws };
}

/** The last day on which the provider may verify: `weeks` weeks after the application. */
export const verificationDeadline = (appliedOn: string, weeks: number) => addDays(appliedOn, weeks * 7);

/** The first instant after a day ends (UTC), when a hold that lasts through that day expires. */
export const endOfDay = (date: string) => new Date(`${addDays(date, 1)}T00:00:00Z`);

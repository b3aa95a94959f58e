// The ITA terms in force on a date (yearly maximum, verification weeks, account year), read from
// the programme's dated parameters, and the calendar arithmetic of an account year. Pure apart
// from the one parameter read, so the date rules are unit-testable.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { addDays, addYears } from '../eligibility/calendar.js';
import { AppError } from '../errors.js';
import { parametersInForce } from '../programmes/programme-store.js';

export const ITA = 'ITA';

export type ItaTerms = {
  yearlyMaximum: Decimal;
  verificationWeeks: number;
  accountYearStartMonth: number;
  /** The whole parameter version in force, for the other rules read from it (places, closing date). */
  values: Record<string, unknown>;
};
export type AccountYear = { year: number; start: string; end: string };

export async function itaTermsOn(sequelize: Sequelize, onDate: string, transaction?: Transaction): Promise<ItaTerms> {
  const values = (await parametersInForce(sequelize, ITA, onDate, transaction))?.values ?? {};
  const { yearlyMaximum, verificationWeeks, accountYearStartMonth } = values;
  if (typeof yearlyMaximum !== 'string' || typeof verificationWeeks !== 'number' || typeof accountYearStartMonth !== 'number') {
    // Parameters are validated when written, so a gap here is an operational fault, not a client's.
    throw new AppError(503, 'programme_not_configured', `The ITA programme has no parameters in force on ${onDate}.`);
  }
  return { yearlyMaximum: new Decimal(yearlyMaximum), verificationWeeks, accountYearStartMonth, values };
}

/** The account year containing `date`: with a start in April, 2026-05-10 is in 2026-04-01..2027-03-31. */
export function accountYearOf(date: string, startMonth: number): AccountYear {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const startYear = month >= startMonth ? year : year - 1;
  const start = `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { year: startYear, start, end: addDays(addYears(start, 1), -1) };
}

/** The last day on which the provider may verify: `weeks` weeks after the application. */
export const verificationDeadline = (appliedOn: string, weeks: number) => addDays(appliedOn, weeks * 7);

/** The first instant after a day ends (UTC), when a hold that lasts through that day expires. */
export const endOfDay = (date: string) => new Date(`${addDays(date, 1)}T00:00:00Z`);

/** What the programme funds and what the learner pays the provider directly. */
export function fundingOf(coursePrice: Decimal, yearlyMaximum: Decimal) {
  const funded = Decimal.min(coursePrice, yearlyMaximum);
  return { funded, learnerPart: coursePrice.minus(funded) };
}

// The ITA terms in force on a date (yearly maximum, verification weeks, account year), taken
// from the values of the programme's parameter version in force, and the calendar arithmetic of
// an account year. Pure, so the date rules are unit-testable.
import { Decimal } from 'decimal.js';
import { addDays, addYears } from '../eligibility/calendar.js';
import { AppError } from '../errors.js';

export const ITA = 'ITA';

export type ItaTerms = {
  yearlyMaximum: Decimal;
  verificationWeeks: number;
  accountYearStartMonth: number;
  /** The whole parameter version in force, for the other rules read from it (places, closing date). */
  values: Record<string, unknown>;
};
export type AccountYear = { year: number; start: string; end: string };

/** The terms of the parameter values in force on `onDate` (undefined when no version is). */
export function itaTermsOf(values: Record<string, unknown> | undefined, onDate: string): ItaTerms {
  if (!values) return unconfigured(onDate);
  const { yearlyMaximum, verificationWeeks, accountYearStartMonth } = values;
  if (typeof yearlyMaximum !== 'string' || typeof verificationWeeks !== 'number' || typeof accountYearStartMonth !== 'number') {
    return unconfigured(onDate);
  }
  return { yearlyMaximum: new Decimal(yearlyMaximum), verificationWeeks, accountYearStartMonth, values };
}

// Parameters are validated when written, so a gap here is an operational fault, not a client's.
const unconfigured = (onDate: string): never => {
  throw new AppError(503, 'programme_not_configured', `The ITA programme has no parameters in force on ${onDate}.`);
};

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

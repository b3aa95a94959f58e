// The ITA claim's own date and money rules: when a provider must verify, when a hold ends, what
// the programme funds. Pure, so they are unit-testable. The parameters they take (maximum,
// weeks, account year) are read by the programmes component (programmeYearOf, itaParametersOf).
import { Decimal } from 'decimal.js';
import { addDays } from '../shared/calendar.js';

export const ITA = 'ITA';

/** The last day on which the provider may verify: `weeks` weeks after the application. */
export const verificationDeadline = (appliedOn: string, weeks: number) => addDays(appliedOn, weeks * 7);

/** The first instant after a day ends (UTC), when a hold that lasts through that day expires. */
export const endOfDay = (date: string) => new Date(`${addDays(date, 1)}T00:00:00Z`);

/** What the programme funds and what the learner pays the provider directly. */
export function fundingOf(coursePrice: Decimal, yearlyMaximum: Decimal) {
  const funded = Decimal.min(coursePrice, yearlyMaximum);
  return { funded, learnerPart: coursePrice.minus(funded) };
}

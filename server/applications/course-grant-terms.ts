// A course grant's own date, money and reference rules: when a provider must verify, when a hold
// ends, what the programme funds, how a reference reads. Pure, so they are unit-testable. The
// parameters they take (maximum, weeks, account year, prefix) are read by the programmes
// component (programmeYearOf, courseGrantParametersOf) and by grantRulesOf below.
import { randomInt } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { addDays } from '../shared/calendar.js';

/** The last day on which the provider may verify: `weeks` weeks after the application. */
export const verificationDeadline = (appliedOn: string, weeks: number) => addDays(appliedOn, weeks * 7);

/** The first instant after a day ends (UTC), when a hold that lasts through that day expires. */
export const endOfDay = (date: string) => new Date(`${addDays(date, 1)}T00:00:00Z`);

/** What the programme funds and what the learner pays the provider directly. */
export function fundingOf(coursePrice: Decimal, yearlyMaximum: Decimal) {
  const funded = Decimal.min(coursePrice, yearlyMaximum);
  return { funded, learnerPart: coursePrice.minus(funded) };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `<prefix>-` and 10 random Crockford base32 characters (50 bits): handed to the provider, never guessed. */
export const newReference = (prefix: string) => `${prefix}-${Array.from({ length: 10 }, () => CROCKFORD[randomInt(32)]).join('')}`;

/** Any programme's reference (the prefix as course-grant-parameters.ts allows it); the table's CHECK says the same. */
export const REFERENCE = /^[A-Z][A-Z0-9]{1,9}-[0-9A-HJKMNP-TV-Z]{10}$/;

// The version in force was validated by its kind's schema when written (course-grant-parameters.ts);
// this reads the two values of it that the programmes component does not hand over.
const grantRules = z.object({ referencePrefix: z.string().optional(), maxGrantsPerCourse: z.number().int().nullable().optional() });

/** What references start with (the programme code unless the version sets a prefix), and the cap on grants per course. */
export function grantRulesOf(code: string, values: Record<string, unknown>) {
  const rules = grantRules.parse(values);
  return { referencePrefix: rules.referencePrefix ?? code, maxGrantsPerCourse: rules.maxGrantsPerCourse ?? null };
}

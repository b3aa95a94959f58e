// course_grant (Scotland's ITA, the Dutch STAP budget): a grant for one approved course per period
// (an account year), held while the provider verifies, claimed once the course has started.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { dateSchema } from '../../http/schemas.js';
import { amountText, commonParameters, month, readableParameters, weeks, type KindParameters } from './kind-parameters.js';

/**
 * An application window (STAP's lesson: a budget gone in 2.5 hours is a lottery of who refreshes
 * fastest): from opensOn through closesOn claims are funded from the window's own budget, either
 * first come or by a lottery among everyone who entered, drawn once after the window closes.
 */
const applicationWindow = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits, _ or -, such as 2027-spring'),
    opensOn: dateSchema,
    closesOn: dateSchema,
    /** In the programme's currency. */
    budget: amountText.refine((amount) => new Decimal(amount).gt(0), 'must be more than 0'),
    allocation: z.enum(['first_come', 'lottery']),
  })
  .strict();

export type ApplicationWindow = z.output<typeof applicationWindow>;

const schema = z
  .object({
    yearlyMaximum: amountText,
    verificationWeeks: weeks,
    accountYearStartMonth: month,
    /**
     * The most live grants one course may have in an account year (STAP's lesson: providers raised
     * prices to what the grant paid); null or absent: no cap.
     */
    maxGrantsPerCourse: z.number().int().min(1).max(10_000_000).nullable().optional(),
    /** Absent or null: claims are taken every day, first come, from the programme's budget. */
    windows: z.array(applicationWindow).min(1).max(100).nullable().optional(),
    ...commonParameters,
  })
  .strict();

export type CourseGrantParameters = z.output<typeof schema>;
export const readCourseGrantValues = schema.extend(readableParameters).loose();

export const courseGrant: KindParameters = {
  schema,
  coherence: (values) => windowProblems((values as CourseGrantParameters).windows ?? []),
  // A window's budget moves money: a change of the windows waits for a second administrator.
  moneyBounds: { yearlyMaximum: '10000.00', windows: null },
};

/** Each window closes on or after it opens, has its own id, and no two windows share a day. */
function windowProblems(windows: readonly ApplicationWindow[]): string[] {
  const problems: string[] = [];
  windows.forEach((window, i) => {
    if (window.closesOn < window.opensOn) problems.push(`/values/windows/${i}/closesOn: must not be before opensOn (${window.opensOn})`);
    if (windows.findIndex((other) => other.id === window.id) < i)
      problems.push(`/values/windows/${i}/id: ${window.id} names another window`);
    const overlapped = windows.findIndex((other, j) => j < i && other.opensOn <= window.closesOn && window.opensOn <= other.closesOn);
    if (overlapped >= 0) problems.push(`/values/windows/${i}/opensOn: overlaps window ${windows[overlapped]?.id ?? ''}`);
  });
  return problems;
}

// course_grant (Scotland's ITA, the Dutch STAP budget): a grant for one approved course per period
// (an account year), held while the provider verifies, claimed once the course has started.
import { z } from 'zod';
import { amountText, commonParameters, month, readableParameters, weeks, type KindParameters } from './kind-parameters.js';

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
    ...commonParameters,
  })
  .strict();

export type CourseGrantParameters = z.output<typeof schema>;
export const readCourseGrantValues = schema.extend(readableParameters).loose();

export const courseGrant: KindParameters = {
  schema,
  coherence: () => [],
  moneyBounds: { yearlyMaximum: '10000.00' },
};

// course_grant (Scotland's ITA, the Dutch STAP budget): a grant for one approved course per period
// (an account year), held while the provider verifies, claimed once the course has started.
import { z } from 'zod';
import { amountText, commonParameters, month, readableParameters, weeks, type KindParameters } from './kind-parameters.js';

const schema = z
  .object({
    yearlyMaximum: amountText,
    verificationWeeks: weeks,
    accountYearStartMonth: month,
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

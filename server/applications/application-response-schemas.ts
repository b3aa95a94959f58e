// What the application endpoints answer, as documented in /openapi.json (application-view.ts).
import { z } from 'zod';
import { calendarDate, instant, moneySchema } from '../http/response-schemas.js';

export const applicationResponse = z.object({
  reference: z.string(),
  status: z.string(),
  applicant: z.object({ name: z.string() }),
  course: z.object({ id: z.uuid(), title: z.string(), qualification: z.string().nullable(), price: moneySchema }),
  provider: z.object({ id: z.uuid(), name: z.string() }),
  fundedAmount: moneySchema,
  learnerPart: moneySchema,
  accountYear: z.number().int().nullable(),
  entitlementId: z.uuid().nullable(),
  appliedOn: calendarDate,
  verifyBy: calendarDate.nullable(),
  verifiedAt: instant.nullable(),
  claim: z
    .object({ amount: moneySchema, courseStartDate: calendarDate.nullable(), claimedAt: instant.nullable(), transactionId: z.string() })
    .nullable(),
  closedAt: instant.nullable(),
  /** Set once the provider refused the application: the reason it gave, shown to the applicant. */
  refusal: z.object({ reason: z.string(), refusedAt: instant.nullable() }).nullable(),
  createdAt: instant,
});

// What the learning-account endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, decimalText, moneySchema } from '../http/response-schemas.js';

export const topUpResponse = z.object({
  id: z.uuid(),
  funder: z.object({ type: z.string(), name: z.string() }),
  amount: moneySchema,
  balance: moneySchema.describe('What is left of it'),
  courseId: z.uuid().nullable(),
  deadline: calendarDate.nullable(),
  receivedOn: calendarDate,
  transactionId: z.string(),
});

/** A learning account as its holder reads it (account-claim.ts accountSummary): own money and each top-up. */
export const accountResponse = z.object({
  entitlementId: z.uuid(),
  programme: z.string(),
  openedOn: calendarDate,
  balance: z.object({ accrued: decimalText, reserved: decimalText, used: decimalText, available: decimalText, currency: z.string() }),
  topUps: z.array(topUpResponse),
});

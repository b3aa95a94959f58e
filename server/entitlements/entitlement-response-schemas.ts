// What a right reads as in the API (entitlement-view.ts): its period, status and balance in the
// programme's unit (HOUR, or the currency of a money right).
import { z } from 'zod';
import { calendarDate, decimalText } from '../http/response-schemas.js';

export const entitlementResponse = z.object({
  id: z.uuid(),
  programme: z.string(),
  periodStart: calendarDate,
  periodEnd: calendarDate,
  status: z.string(),
  decisionId: z.uuid().nullable(),
  grantTransactionId: z.string().nullable(),
  balance: z.object({ granted: decimalText, reserved: decimalText, used: decimalText, available: decimalText, unit: z.string() }),
});

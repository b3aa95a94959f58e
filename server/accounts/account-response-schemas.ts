// What the learning-account endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, moneySchema } from '../http/response-schemas.js';

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

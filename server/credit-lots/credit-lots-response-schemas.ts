// What a credit-lots right's lots and a claim's draws read as in the API (lot-view.ts, credit-claim.ts).
import { z } from 'zod';
import { calendarDate, moneySchema } from '../http/response-schemas.js';

export const lotResponse = z.object({
  lot: z.string(),
  source: z.object({ kind: z.literal('grant'), grantedOn: calendarDate, transactionId: z.string() }),
  amount: moneySchema,
  balance: moneySchema.describe('What the lot still holds: available and held'),
  held: moneySchema.describe('Held for applications not yet claimed'),
  available: moneySchema,
  spent: moneySchema,
  expiresOn: calendarDate.nullable(),
  status: z.enum(['active', 'expired']),
  courseTags: z.array(z.string()).describe('The course tags the lot may pay for; empty pays for any course'),
});

export const lotDrawResponse = z.object({ lot: z.string(), amount: moneySchema });

// What the settlement endpoints answer, as documented in /openapi.json (statement-view.ts).
import { z } from 'zod';
import { calendarDate, decimalText, hoursSchema, instant, moneySchema, page } from '../http/response-schemas.js';

export const statementResponse = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  programme: z.string(),
  centreId: z.uuid(),
  periodEnd: calendarDate,
  status: z.string(),
  total: moneySchema,
  carriedForward: moneySchema.describe("What the centre's corrections still owe after this statement, netted from its next ones"),
  lines: z.array(
    z.object({
      id: z.string(),
      source: z.object({ type: z.string(), id: z.string() }),
      correction: z.boolean(),
      serviceDate: calendarDate,
      description: z.string(),
      hours: hoursSchema.nullable(),
      rate: z.object({ amount: decimalText, currency: z.string() }).nullable(),
      amount: moneySchema,
      clawback: z.object({ disputeId: z.uuid().nullable(), sessionId: z.uuid().nullable(), carriedForward: moneySchema }).nullable(),
    }),
  ),
  settleTransactionId: z.string().nullable(),
  payTransactionId: z.string().nullable(),
  paidAt: instant.nullable(),
  createdAt: instant,
});

export const statementPage = page(statementResponse);

export const settlementRunResponse = z.object({
  id: z.uuid(),
  programme: z.string(),
  periodEnd: calendarDate,
  statements: z.array(statementResponse),
});

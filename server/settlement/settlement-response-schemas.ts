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

export const runSummaryResponse = z.object({
  id: z.uuid(),
  programme: z.string(),
  periodEnd: calendarDate,
  statements: z.number().int().describe("How many centres' statements the run made"),
  paid: z.number().int().describe('How many of them are paid (their payment approved by a second administrator)'),
  total: moneySchema,
  createdAt: instant,
});

export const runSummaryPage = page(runSummaryResponse);

export const paymentFileResponse = z.object({
  id: z.uuid(),
  messageId: z.string().describe('The pain.001 message id (GrpHdr/MsgId), unique: a bank refuses a message id it has seen'),
  runId: z.uuid(),
  programme: z.string(),
  executionDate: calendarDate,
  transactions: z.number().int(),
  controlSum: moneySchema,
  statements: z.array(
    z.object({ statementId: z.uuid(), endToEndId: z.string(), creditor: z.string(), iban: z.string(), amount: moneySchema }),
  ),
  createdAt: instant,
});

export const runResponse = runSummaryResponse.extend({
  statementList: z.array(statementResponse),
  paymentFiles: z.array(paymentFileResponse),
});

export const debtorAccountResponse = z.object({
  programme: z.string(),
  name: z.string(),
  iban: z.string(),
  bic: z.string(),
  updatedAt: instant,
});

// What the programme, parameter and budget endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, decimalText, instant, moneySchema, page } from '../http/response-schemas.js';

const budgetResponse = z.object({ total: decimalText, committed: decimalText, remaining: decimalText, currency: z.string() });

const parameterValues = z.record(z.string(), z.unknown()).describe("The programme's parameters in force; their names depend on its kind");

export const programmeResponse = z.object({
  code: z.string(),
  kind: z.enum(['hours_voucher', 'course_grant', 'accruing_account', 'credit_lots']),
  name: z.string(),
  names: z.object({ en: z.string(), nl: z.string() }),
  unit: z.string(),
  currency: z.string(),
  parameters: parameterValues,
  parametersEffectiveFrom: calendarDate.nullable(),
  budget: budgetResponse.extend({ placesLeft: z.number().int().nullable() }),
});

export const programmePage = page(programmeResponse);

export const parameterVersionResponse = z.object({
  id: z.string(),
  effectiveFrom: calendarDate,
  values: parameterValues,
  note: z.string().nullable(),
  createdAt: instant,
});

export const parameterVersionPage = page(parameterVersionResponse);

export const fundingResponse = z.object({
  programme: z.string(),
  transactionId: z.string(),
  funded: moneySchema,
  note: z.string(),
  budget: budgetResponse,
});

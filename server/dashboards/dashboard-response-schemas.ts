// What GET /v1/programmes/:code/dashboard answers, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, decimalText, instant, moneySchema } from '../http/response-schemas.js';

const KINDS = ['hours_voucher', 'course_grant', 'accruing_account', 'credit_lots'] as const;
const percent = decimalText.nullable().describe('A share in percent with one decimal (rounded down); null when there is nothing to share');
const figures = { funded: moneySchema, committed: moneySchema, paid: moneySchema, left: moneySchema };

export const dashboardResponse = z.object({
  programme: z.object({ code: z.string(), kind: z.enum(KINDS), names: z.object({ en: z.string(), nl: z.string() }), currency: z.string() }),
  period: z.object({ from: calendarDate, to: calendarDate, interval: z.enum(['month', 'week']) }),
  asOf: calendarDate.describe("The service's date the budget, places and alerts are read on"),
  budget: z
    .object({ ...figures, leftShare: percent })
    .describe('The budget today: committed = funded - left; paid is what centres were paid'),
  budgetSteps: z
    .array(z.object({ from: calendarDate, to: calendarDate, ...figures }))
    .describe('The budget at the end of each month or week of the period (its last step ends with the period)'),
  claimsPerDay: z.array(z.object({ day: calendarDate, claims: z.number().int() })).describe('Every day of the period, with its claims'),
  places: z.object({ target: z.number().int().nullable(), left: z.number().int().nullable(), closingDate: calendarDate.nullable() }),
  windows: z.array(
    z.object({
      id: z.string(),
      opensOn: calendarDate,
      closesOn: calendarDate,
      allocation: z.string(),
      budget: moneySchema,
      allocated: moneySchema,
      left: moneySchema,
    }),
  ),
  alerts: z
    .array(
      z.object({
        committedShare: z.number().int(),
        leftBelowShare: z.number().int(),
        reached: z.boolean(),
        announcedAt: instant.nullable(),
      }),
    )
    .describe(
      'Each budget alert threshold, whether the budget has reached it today, and when the administrators were told at this funding total',
    ),
  funnel: z
    .object({
      kind: z.enum(KINDS),
      claimed: z.number().int(),
      used: z.number().int(),
      closed: z.number().int(),
      usedShare: percent,
      closedShare: percent,
    })
    .describe(
      "Of the claims of the period: how many reached their first use (a cheque registered, an application verified, an account's money spent) and their close (a cheque closed, an application claimed by its provider)",
    ),
});

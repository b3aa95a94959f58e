// The dated flow parameters of each programme and their shapes. A version holds the full set
// of values in force from its date; a change names only what changes and inherits the rest.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { amountSchema, dateSchema } from '../http/schemas.js';

const amountText = amountSchema.transform((amount) => amount.toFixed(2));
/** A rate such as the LBC hourly fee, EUR 140.256: up to 3 decimals, since lines are rounded later. */
const RATE = /^\d{1,7}(\.\d{1,3})?$/;
const rateText = z
  .string()
  .refine((text) => RATE.test(text) && new Decimal(text).gt(0), 'must be a positive decimal with at most 3 decimals, such as "140.256"');
const common = {
  placesTarget: z.number().int().min(1).max(10_000_000).nullable(),
  closingDate: dateSchema.nullable(),
};

const lbcValues = z
  .object({
    rightHours: amountText,
    rightPeriodYears: z.number().int().min(1).max(20),
    voucherHours: z.array(amountText).min(1).max(5),
    coPayment: amountText,
    coPaymentDueDays: z.number().int().min(1).max(90),
    voucherValidityMonths: z.number().int().min(1).max(24),
    expiredHours: z.enum(['return', 'forfeit']),
    hourlyFee: rateText,
    ...common,
  })
  .strict();

const itaValues = z
  .object({
    yearlyMaximum: amountText,
    verificationWeeks: z.number().int().min(1).max(26),
    accountYearStartMonth: z.number().int().min(1).max(12),
    ...common,
  })
  .strict();

export type LbcParameters = z.output<typeof lbcValues>;
export type ItaParameters = z.output<typeof itaValues>;

const SHAPES: Record<string, z.ZodObject> = { LBC: lbcValues, ITA: itaValues };

/** The schema a PATCH is checked against: any subset of the programme's keys. */
export function parameterChangeSchema(programmeCode: string) {
  return (SHAPES[programmeCode] ?? z.object({}).catchall(z.unknown())).partial();
}

/** The merged version must still be whole and coherent (LBC: the cheques add up to the right). */
export function checkMergedParameters(programmeCode: string, values: Record<string, unknown>): string[] {
  const shape = SHAPES[programmeCode];
  if (!shape) return [];
  const parsed = shape.safeParse(values);
  if (!parsed.success) return parsed.error.issues.map((issue) => `/values/${issue.path.join('/')}: ${issue.message}`);
  if (programmeCode === 'LBC') {
    const lbc = parsed.data as LbcParameters;
    const sum = lbc.voucherHours.reduce((total, hours) => total.plus(hours), new Decimal(0));
    if (!sum.eq(lbc.rightHours)) return [`/values/voucherHours: the cheques must add up to rightHours (${lbc.rightHours})`];
  }
  return [];
}

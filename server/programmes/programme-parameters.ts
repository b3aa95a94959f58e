// The dated flow parameters of each programme and their shapes: the one schema per programme,
// used to check a change (PATCH, approval) and to read the version in force for the flows. A
// version holds the full set of values in force from its date; a change names only what changes
// and inherits the rest.
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

/**
 * How a flow reads a stored version: the same schema, except that the place limits may be absent
 * (no target, no closing date) and keys it does not know are left alone. Amounts stay text.
 */
const limitsMayBeAbsent = { placesTarget: common.placesTarget.optional(), closingDate: common.closingDate.optional() };
export const readLbcValues = lbcValues.extend(limitsMayBeAbsent).loose();
export const readItaValues = itaValues.extend(limitsMayBeAbsent).loose();

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
    // The citizen's part of a cheque is a part: never more than the smallest cheque is worth.
    const smallest = Decimal.min(...lbc.voucherHours).times(lbc.hourlyFee);
    if (new Decimal(lbc.coPayment).gt(smallest))
      return [`/values/coPayment: must not exceed the smallest cheque's worth (${smallest.toFixed(2)})`];
  }
  return [];
}

/**
 * The parameters that set amounts, with the most each may be. A version that changes one takes
 * effect only when a second administrator approves it, and none may move more than MAX_FACTOR
 * times up or down against the version it follows: a slipped digit is caught, and a real change
 * of that size is made in steps, each approved. `null`: bounded by another parameter (the
 * cheques add up to the right).
 */
const MONEY_BOUNDS: Record<string, Record<string, string | null>> = {
  LBC: { hourlyFee: '1000.000', coPayment: '500.00', rightHours: '100.00', voucherHours: null },
  ITA: { yearlyMaximum: '10000.00' },
};
export const MAX_FACTOR = 10;

/** The money parameters `change` sets to another value than `previous` holds. */
export function moneyParametersChanged(
  programmeCode: string,
  previous: Record<string, unknown> | undefined,
  change: Record<string, unknown>,
): string[] {
  const money = MONEY_BOUNDS[programmeCode] ?? {};
  return Object.keys(change).filter((name) => name in money && JSON.stringify(change[name]) !== JSON.stringify(previous?.[name]));
}

/** Problems (`/values/<name>: message`) of money values out of bounds or moved too far at once. */
export function checkMoneyBounds(
  programmeCode: string,
  previous: Record<string, unknown> | undefined,
  values: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const [name, max] of Object.entries(MONEY_BOUNDS[programmeCode] ?? {})) {
    const value = values[name];
    if (max === null || typeof value !== 'string') continue;
    const amount = new Decimal(value);
    const before = previous?.[name];
    if (amount.gt(max)) problems.push(`/values/${name}: must be at most ${max}`);
    else if (typeof before === 'string' && new Decimal(before).gt(0)) {
      const ratio = amount.div(before);
      if (ratio.gt(MAX_FACTOR) || ratio.lt(new Decimal(1).div(MAX_FACTOR))) {
        problems.push(`/values/${name}: must not change more than ${MAX_FACTOR}-fold in one version (${before} before it)`);
      }
    }
  }
  return problems;
}

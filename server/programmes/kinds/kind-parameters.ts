// What every kind's parameter schema shares, and the shape each kind's file gives the programmes
// component: the schema of a whole version, the checks across values that a schema cannot say,
// and the money parameters with their ceilings (docs/design/programme-kinds.md).
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { amountSchema, dateSchema } from '../../http/schemas.js';

export const amountText = amountSchema.transform((amount) => amount.toFixed(2));
/** An amount that may be zero ("0.00": nothing to pay), as text with 2 decimals. */
export const amountOrZeroText = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal string of zero or more with at most 2 decimals, such as "100.00"')
  .transform((text) => new Decimal(text).toFixed(2));
/** A rate such as the LBC hourly fee, EUR 140.256: up to 3 decimals, since lines are rounded later. */
const RATE = /^\d{1,7}(\.\d{1,3})?$/;
export const rateText = z
  .string()
  .refine((text) => RATE.test(text) && new Decimal(text).gt(0), 'must be a positive decimal with at most 3 decimals, such as "140.256"');
export const weeks = z.number().int().min(1).max(26);
export const month = z.number().int().min(1).max(12);
/** A group a rule of the programme's rule set puts a citizen in (an event of type "group"). */
export const groupName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a group name such as low_qualified');

/** Parameters of every kind. */
export const commonParameters = {
  placesTarget: z.number().int().min(1).max(10_000_000).nullable(),
  closingDate: dateSchema.nullable(),
  /** What references and codes of the programme start with (`XYZ-...`); the programme code when absent. */
  referencePrefix: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be 2 to 10 capitals or digits, starting with a capital')
    .optional(),
};

/** How a flow reads a stored version: the place limits may be absent and unknown keys are left alone. */
export const readableParameters = {
  placesTarget: commonParameters.placesTarget.optional(),
  closingDate: commonParameters.closingDate.optional(),
};

export type KindParameters = {
  /** The whole version (every required value present, nothing unknown). */
  schema: z.ZodObject;
  /** Problems across values (`/values/<name>: message`) of a whole, parsed version. */
  coherence: (values: Record<string, unknown>) => string[];
  /**
   * The parameters that set amounts, with the most each may be (null: bounded by another
   * parameter). Changing one waits for a second administrator.
   */
  moneyBounds: Record<string, string | null>;
};

export const sumOf = (amounts: readonly string[]) => amounts.reduce((total, amount) => total.plus(amount), new Decimal(0));

// credit_lots (SkillsFuture Credit): lots of credit granted by rule, each with its own expiry and
// the course tags it may pay for; a claim draws from lots in a fixed order.
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { dateSchema } from '../../http/schemas.js';
import { amountText, commonParameters, groupName, readableParameters, weeks, type KindParameters } from './kind-parameters.js';

const lot = z
  .object({
    /** Names the lot for the citizen and the ledger: one grant of a lot per citizen. */
    lot: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a lot name such as opening_credit'),
    amount: amountText,
    /** Granted when the citizen is at least this old on the day it is granted (null: any age). */
    fromAge: z.number().int().min(0).max(120).nullable(),
    /** Granted only to a group a rule of the rule set defines (null: everyone eligible). */
    group: groupName.nullable(),
    /** Granted only on these dates (a campaign top-up); null: at any time. */
    grantedFrom: dateSchema.nullable(),
    grantedUntil: dateSchema.nullable(),
    /** Ends on a fixed date, or a number of years after it was granted; both null: never. */
    expiresOn: dateSchema.nullable(),
    validYears: z.number().int().min(1).max(50).nullable(),
    /** Pays only for courses carrying one of these tags; empty: any approved course. */
    courseTags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)).max(20),
  })
  .strict();

const schema = z
  .object({
    lots: z.array(lot).min(1).max(20),
    /** Earliest expiry first, restricted (tagged) lots before general ones at the same expiry: or the other way round. */
    deductionOrder: z.enum(['earliest_expiry_first', 'restricted_first']),
    verificationWeeks: weeks,
    ...commonParameters,
  })
  .strict();

export type CreditLotsParameters = z.output<typeof schema>;
export type CreditLot = z.output<typeof lot>;
export const readCreditLotsValues = schema.extend(readableParameters).loose();
export type CreditLotsReadParameters = z.output<typeof readCreditLotsValues>;

/**
 * A credit-lots programme's parameters of the values in force on `onDate` (undefined when no
 * version is). They are validated when written, so a gap here is an operational fault, not a
 * client's: 503.
 */
export function creditLotsParametersOf(
  code: string,
  values: Record<string, unknown> | undefined,
  onDate: string,
): CreditLotsReadParameters {
  const parsed = values && readCreditLotsValues.safeParse(values);
  if (!parsed?.success)
    throw new AppError(503, 'programme_not_configured', `The ${code} programme has no parameters in force on ${onDate}.`);
  return parsed.data;
}

export const creditLots: KindParameters = {
  schema,
  coherence: (values) => {
    const parameters = values as CreditLotsParameters;
    const problems: string[] = [];
    const seen = new Set<string>();
    parameters.lots.forEach((lot, index) => {
      if (seen.has(lot.lot)) problems.push(`/values/lots/${index}/lot: each lot has its own name`);
      seen.add(lot.lot);
      if (lot.expiresOn !== null && lot.validYears !== null)
        problems.push(`/values/lots/${index}/validYears: give expiresOn or validYears, not both`);
      if (lot.grantedFrom !== null && lot.grantedUntil !== null && lot.grantedUntil < lot.grantedFrom) {
        problems.push(`/values/lots/${index}/grantedUntil: must not be before grantedFrom`);
      }
    });
    return problems;
  },
  moneyBounds: { lots: null },
};

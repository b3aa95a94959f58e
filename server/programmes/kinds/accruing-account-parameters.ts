// accruing_account (France's CPF): money accrues each account year up to a ceiling, more for a
// group the programme's rule set defines; applications for approved courses spend it while money
// is left, with an optional co-payment that some groups are exempt from.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import {
  amountOrZeroText,
  amountText,
  commonParameters,
  groupName,
  month,
  readableParameters,
  weeks,
  type KindParameters,
} from './kind-parameters.js';

const schema = z
  .object({
    yearlyAccrual: amountText,
    ceiling: amountText,
    accountYearStartMonth: month,
    /** A group (set by a rule) that accrues more, up to a higher ceiling; null when none does. */
    boost: z.object({ group: groupName, yearlyAccrual: amountText, ceiling: amountText }).strict().nullable(),
    /** What the learner pays towards each course ("0.00": nothing), and the groups that pay nothing. */
    coPayment: amountOrZeroText,
    coPaymentExemptGroups: z.array(groupName).max(10),
    verificationWeeks: weeks,
    ...commonParameters,
  })
  .strict();

export type AccruingAccountParameters = z.output<typeof schema>;
export const readAccruingAccountValues = schema.extend(readableParameters).loose();

export const accruingAccount: KindParameters = {
  schema,
  coherence: (values) => {
    const parameters = values as AccruingAccountParameters;
    const problems: string[] = [];
    if (new Decimal(parameters.yearlyAccrual).gt(parameters.ceiling)) problems.push('/values/yearlyAccrual: must not exceed ceiling');
    const boost = parameters.boost;
    if (boost && new Decimal(boost.yearlyAccrual).gt(boost.ceiling))
      problems.push('/values/boost/yearlyAccrual: must not exceed boost/ceiling');
    return problems;
  },
  moneyBounds: { yearlyAccrual: '10000.00', ceiling: '100000.00', coPayment: '1000.00', boost: null },
};

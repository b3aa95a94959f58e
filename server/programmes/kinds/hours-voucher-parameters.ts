// hours_voucher (loopbaancheques): hours per right, split into tranches (cheques) ordered one
// after another, each paid for by a co-payment and valid for some months; centres are paid an
// hourly fee for the sessions they record.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { amountText, commonParameters, rateText, readableParameters, sumOf, type KindParameters } from './kind-parameters.js';

const schema = z
  .object({
    rightHours: amountText,
    rightPeriodYears: z.number().int().min(1).max(20),
    voucherHours: z.array(amountText).min(1).max(5),
    coPayment: amountText,
    coPaymentDueDays: z.number().int().min(1).max(90),
    voucherValidityMonths: z.number().int().min(1).max(24),
    expiredHours: z.enum(['return', 'forfeit']),
    hourlyFee: rateText,
    ...commonParameters,
  })
  .strict();

export type HoursVoucherParameters = z.output<typeof schema>;
export const readHoursVoucherValues = schema.extend(readableParameters).loose();

export const hoursVoucher: KindParameters = {
  schema,
  coherence: (values) => {
    const parameters = values as HoursVoucherParameters;
    const sum = sumOf(parameters.voucherHours);
    if (!sum.eq(parameters.rightHours)) return [`/values/voucherHours: the cheques must add up to rightHours (${parameters.rightHours})`];
    // The citizen's part of a cheque is a part: never more than the smallest cheque is worth.
    const smallest = Decimal.min(...parameters.voucherHours).times(parameters.hourlyFee);
    if (new Decimal(parameters.coPayment).gt(smallest)) {
      return [`/values/coPayment: must not exceed the smallest cheque's worth (${smallest.toFixed(2)})`];
    }
    return [];
  },
  moneyBounds: { hourlyFee: '1000.000', coPayment: '500.00', rightHours: '100.00', voucherHours: null },
};

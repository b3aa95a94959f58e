// The LBC flow parameters in force on a date, as the flows need them: hours, fee and money as
// Decimals built from their stored text (never through a float).
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import { parametersInForce } from '../programmes/programme-store.js';

const decimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform((text) => new Decimal(text));

const lbcShape = z.object({
  rightHours: decimalText,
  rightPeriodYears: z.number().int().min(1),
  voucherHours: z.array(decimalText).min(1),
  coPayment: decimalText,
  coPaymentDueDays: z.number().int().min(1),
  voucherValidityMonths: z.number().int().min(1),
  expiredHours: z.enum(['return', 'forfeit']),
  hourlyFee: decimalText,
});

/** `values`: the whole version in force, for the rules read from it elsewhere (places, closing date). */
export type LbcFlowParameters = z.output<typeof lbcShape> & { values: Record<string, unknown> };

/** A missing or malformed version is a configuration bug, not a client mistake: it stays a 500. */
export async function lbcParametersOn(sequelize: Sequelize, onDate: string, transaction?: Transaction): Promise<LbcFlowParameters> {
  const version = await parametersInForce(sequelize, 'LBC', onDate, transaction);
  if (!version) throw new Error(`no LBC parameters are in force on ${onDate}`);
  return { ...lbcShape.parse(version.values), values: version.values };
}

// Boundary schemas shared by every component: exact amounts, calendar dates, ids.
import { Decimal } from 'decimal.js';
import { z } from 'zod';

// Ten integer digits: every amount column is at least numeric(12, 2), so no valid amount can
// overflow one (a 500) after passing here.
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/**
 * An amount as a decimal string ("40.00") or a JSON number with at most 2 decimals, positive and
 * within bounds; parsed to a Decimal from its text so a float never carries the value.
 */
export const amountSchema = z
  .union([z.string(), z.number()], { error: 'must be a decimal string such as "40.00"' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? numberText(value) : value.trim();
    if (text === undefined || !AMOUNT.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'must be a positive decimal with at most 2 decimals, such as "40.00"' });
      return z.NEVER;
    }
    const amount = new Decimal(text);
    if (amount.lte(0)) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
      return z.NEVER;
    }
    return amount;
  });

/** Hours are amounts too, in quarter hours: sessions are recorded to the quarter. */
export const quarterHoursSchema = amountSchema.refine((hours) => hours.mul(4).isInteger(), 'must be a whole number of quarter hours (0.25)');

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  return /e/i.test(text) ? undefined : text;
}

/** 'YYYY-MM-DD' that exists on the calendar (no 2023-02-29, no 2024-13-01). */
export const dateSchema = z.string().refine(isRealDate, 'must be a date that exists, as YYYY-MM-DD');

export function isRealDate(text: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && date.getUTCFullYear() >= 1900 && date.getUTCFullYear() <= 2199;
}

export const currencySchema = z.enum(['EUR', 'GBP']);
export const programmeCodeSchema = z.string().regex(/^[A-Z]{2,10}$/, 'must be a programme code such as LBC');
export const idParams = z.object({ id: z.uuid('must be a UUID') }).strict();

export const money = (amount: Decimal, currency: string) => ({ amount: amount.toFixed(2), currency });
export const hours = (amount: Decimal) => ({ amount: amount.toFixed(2), unit: 'HOUR' as const });

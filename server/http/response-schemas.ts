// Building blocks of the documented answers (route `response`s): how amounts, hours, times and
// pages are written in every JSON body the API sends.
import { z } from 'zod';

/** An exact amount as text, e.g. "40.00" (never a JSON number: no float carries money). */
export const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

export const moneySchema = z.object({ amount: decimalText, currency: z.string() });

/** Hours, as `hours()` in schemas.ts writes them. */
export const hoursSchema = z.object({ amount: decimalText, unit: z.literal('HOUR') });

/** A moment in UTC as toISOString writes it. */
export const instant = z.string().meta({ format: 'date-time' });

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z.string().meta({ format: 'date' });

/** A keyset page (shared/pagination.ts). */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

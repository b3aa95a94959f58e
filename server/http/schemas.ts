// Boundary schemas shared by every component: exact amounts, calendar dates, ids, human text.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { isRealDate } from '../shared/calendar-date.js';

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
export const quarterHoursSchema = amountSchema.refine(
  (hours) => hours.mul(4).isInteger(),
  'must be a whole number of quarter hours (0.25)',
);

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  return /e/i.test(text) ? undefined : text;
}

/** 'YYYY-MM-DD' that exists on the calendar (no 2023-02-29, no 2024-13-01). */
export const dateSchema = z.string().refine(isRealDate, 'must be a date that exists, as YYYY-MM-DD');

// PostgreSQL refuses NUL in text and jsonb (a 500 if it got that far); the other control
// characters are refused in human text because no one means to type them.
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;
const NO_CONTROL = 'must not contain control characters';
// Half of a UTF-16 surrogate pair, alone, is no character (JSON can still spell one, as "\ud800"):
// PostgreSQL refuses it in jsonb, and in text it would silently become U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_UNICODE = 'must be Unicode text (it has half of a surrogate pair)';

// Characters that are not shown, or that change how the text around them is shown: format
// characters (bidirectional controls such as U+202E, which turns "gpj.exe" into "exe.jpg" on screen,
// zero-width characters, U+FEFF ...), the line and paragraph separators, and noncharacters
// (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF among them). A
// name or note with one can show a citizen something other than what is stored.
const FORMAT = /^\p{Cf}$/u;

/** The first character of `text` that is invisible or changes direction, as U+XXXX. */
function invisibleIn(text: string): string | undefined {
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (FORMAT.test(char) || point === 0x2028 || point === 0x2029 || (point >= 0xfdd0 && point <= 0xfdef) || (point & 0xfffe) === 0xfffe) {
      return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

const invisibleMessage = (point: string) => `must not contain ${point}, an invisible or direction-changing character`;

/** Refuses invisible and direction-changing characters, naming the first one found. */
const refuseInvisible = (text: string, ctx: z.RefinementCtx) => {
  const point = invisibleIn(text);
  if (point) ctx.addIssue({ code: 'custom', message: invisibleMessage(point) });
};

/** One line of human text (a name, a title, a filter value): trimmed, not empty, no control characters. */
export const lineSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !CONTROL.test(text), NO_CONTROL)
    .refine((text) => !LONE_SURROGATE.test(text), NOT_UNICODE)
    .superRefine(refuseInvisible);

/** Text that may span lines (a note, a reason): tabs and line breaks allowed, other control characters not. */
export const textSchema = (max: number, { min = 1, tooShort = 'must not be empty' } = {}) =>
  z
    .string()
    .trim()
    .min(min, tooShort)
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !CONTROL_BUT_LINE_BREAKS.test(text), NO_CONTROL)
    .refine((text) => !LONE_SURROGATE.test(text), NOT_UNICODE)
    .superRefine(refuseInvisible);

/**
 * Free JSON that is stored as jsonb (rules, parameters): any shape the component checks later,
 * but no string or key that jsonb refuses (a NUL, half a surrogate pair) and none with an invisible
 * or direction-changing character (rule sets hold the reasons citizens read), each reported with its pointer.
 */
export const storableJson = <S extends z.ZodType>(schema: S) =>
  schema.superRefine((value, ctx) => {
    for (const { path, message } of unstorablePaths(value, [])) ctx.addIssue({ code: 'custom', path, message });
  });

type Unstorable = { path: PropertyKey[]; message: string };

function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000') || LONE_SURROGATE.test(text))
    return 'must not contain the NUL character (\\u0000) or half of a surrogate pair';
  const point = invisibleIn(text);
  return point && invisibleMessage(point);
}

function unstorablePaths(value: unknown, path: PropertyKey[]): Unstorable[] {
  if (typeof value === 'string') {
    const message = unstorableText(value);
    return message ? [{ path, message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorablePaths(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const message = unstorableText(key);
      return message ? [{ path: [...path, key], message }] : unstorablePaths(child, [...path, key]);
    });
  }
  return [];
}

// Any ISO 4217 currency the runtime knows (Intl's list: the codes in use, without test and
// precious-metal codes such as XXX or XAU): programmes are configured, not written in code.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const currencySchema = z
  .string()
  .refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 currency code in capitals, such as EUR, GBP or SGD');
export const programmeCodeSchema = z.string().regex(/^[A-Z]{2,10}$/, 'must be a programme code such as LBC');
export const idParams = z.object({ id: z.uuid('must be a UUID') }).strict();

export const money = (amount: Decimal, currency: string) => ({ amount: amount.toFixed(2), currency });
export const hours = (amount: Decimal) => ({ amount: amount.toFixed(2), unit: 'HOUR' as const });

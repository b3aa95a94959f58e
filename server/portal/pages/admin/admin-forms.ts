// What the administrators' pages of centres, courses, disputes and contests share: ids from the
// path, a page number from the query, a date given as three fields, and a required reason.
import { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import { lineSchema, textSchema } from '../../../http/schemas.js';

const uuid = z.uuid();

/** A path id that is no UUID names nothing: the portal's 404. */
export function idOf(value: string | undefined): string {
  if (!uuid.safeParse(value).success) throw notFound('Page');
  return value as string;
}

/** Forms and buttons that change something are shown to administrators only (auditors read). */
export const canChange = (user: Principal) => user.role === 'admin';

/** A list's refusal of a cursor it did not issue (400): no such page, the portal's 404; anything else is thrown on. */
export function cursorNotIssued(error: unknown): never {
  if (error instanceof AppError && error.status === 400) throw notFound('Page');
  throw error;
}

/** The page number of `?page=`, 1 when absent or not a page number. */
export function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : 1;
  return Math.max(page, 1);
}

/** The text of a posted field, '' when absent: what a form shows again after a problem. */
export function fieldsOf(body: unknown, names: readonly string[]): Record<string, string> {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, typeof form[name] === 'string' ? form[name] : '']));
}

/**
 * Text the API would take: a reason of `min` to `max` characters that may span lines, or one line
 * (a name), as the routes' own schemas check it (no control or invisible characters, which the
 * database or a reader would trip over), every problem named by `key`.
 */
export const textField = (key: string, { max, min = 1, oneLine = false }: { max: number; min?: number; oneLine?: boolean }) => {
  const api = oneLine ? lineSchema(max) : textSchema(max, { min });
  return z
    .string({ error: key })
    .trim()
    .min(min, { error: key })
    .max(max, { error: key })
    .refine((text) => api.safeParse(text).success, { error: key });
};

/**
 * The three fields `<prefix>-day`, `-month` and `-year` as one 'YYYY-MM-DD', its problem shown at
 * `<prefix>-day` (the first field, where the error summary's link lands).
 */
export function dateOf(form: Record<string, string>, prefix: string): string | undefined {
  const [day = '', month = '', year = ''] = ['day', 'month', 'year'].map((part) => (form[`${prefix}-${part}`] ?? '').trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

/** A reason of 3 to 2000 characters (the services' own bounds), its problem named by `key`. */
export const reasonField = (key: string) => textField(key, { max: 2000, min: 3 });

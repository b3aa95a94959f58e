// Keyset pagination: `?limit=` (default 50, max 500) and an opaque `?cursor=` that encodes the
// sort key of the last item returned, so pages stay stable while rows are added.
import { z } from 'zod';
import { invalidField } from '../errors.js';
import { isRealDate } from './calendar-date.js';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

const notIssued = () => invalidField('/query/cursor', 'is not a cursor this service issued');

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A cursor whose key must have the shape `key` describes. The cursor comes from the client and
 * its parts reach SQL casts, where a value of the wrong shape would be our 500, not their 400.
 */
export function decodeCursorAs<K extends z.ZodType>(cursor: string | undefined, key: K): z.output<K> | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notIssued();
  }
  const parsed = key.safeParse(decoded);
  if (!parsed.success) throw notIssued();
  return parsed.data;
}

/** A cursor of `length` strings or numbers; callers check each part before it reaches SQL. */
export const decodeCursor = (cursor: string | undefined, length: number): (string | number)[] | undefined =>
  decodeCursorAs(cursor, z.array(z.union([z.string(), z.number()])).length(length));

// pg returns bigint ids as strings; 18 digits always fit a bigint, so the cast cannot overflow.
const idKey = z.tuple([z.string().regex(/^\d{1,18}$/)]);

/** The key `[id]` of the last row, for lists sorted on a bigint id. */
export const decodeIdCursor = (cursor: string | undefined): [id: string] | undefined => decodeCursorAs(cursor, idKey);

// A time as lists write it into cursors: UTC to the microsecond (or the millisecond, as
// toISOString writes it), with or without the Z. Checked part by part: Date.parse takes times
// PostgreSQL refuses (a 500), such as 2026-02-30 or hour 24, and so do ISO checks (year 0000).
const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.(\d{3}|\d{6})Z?$/;
const timeIdKey = z.tuple([z.string().refine((text) => isRealDate(CURSOR_TIME.exec(text)?.[1] ?? '')), z.guid()]);

/** The key `[time, id]` of the last row, for lists sorted on (created_at, id). */
export const decodeTimeIdCursor = (cursor: string | undefined): [time: string, id: string] | undefined => decodeCursorAs(cursor, timeIdKey);

/** Rows fetched with LIMIT limit+1: the extra row only says whether another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => (string | number)[],
  toItem: (row: Row) => Item,
): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

// Keyset pagination: `?limit=` (default 50, max 500) and an opaque `?cursor=` that encodes the
// sort key of the last item returned, so pages stay stable while rows are added.
import { z } from 'zod';
import { invalidField } from '../errors.js';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // falls through to the client error below
  }
  throw invalidField('/query/cursor', 'is not a cursor this service issued');
}

/** Rows fetched with LIMIT limit+1: the extra row only says whether another page exists. */
export function toPage<Row, Item>(rows: Row[], limit: number, keyOf: (row: Row) => (string | number)[], toItem: (row: Row) => Item): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

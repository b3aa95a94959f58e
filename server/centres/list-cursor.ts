// The cursors of the centres component's lists (centres by name, courses by title, a centre's
// accreditations by date): checked before their parts reach SQL.
import { invalidField } from '../errors.js';
import { decodeCursor } from '../shared/pagination.js';
import { isRealDate } from '../shared/calendar-date.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The [sort key, id] a list cursor carries. The cursor comes from the client, so its parts are
 * checked before they reach SQL casts (a bad uuid or date there would be our 500, not their 400).
 */
export function cursorAfter(cursor: string | undefined, key: 'text' | 'date'): [string, string] | undefined {
  const parts = decodeCursor(cursor, 2);
  if (!parts) return undefined;
  const [first, id] = parts;
  const valid =
    typeof first === 'string' &&
    typeof id === 'string' &&
    UUID.test(id) &&
    !first.includes('\u0000') &&
    (key === 'text' || isRealDate(first));
  if (!valid) throw invalidField('/query/cursor', 'is not a cursor this service issued');
  return [first, id];
}

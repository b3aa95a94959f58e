// Who may see a centre's own records: administrators and auditors, and that centre's staff, for
// records found by their own id (a statement) rather than under a centre's URL (the router's job).
import type { Principal } from '../auth/principal.js';
import { invalidField, notFound } from '../errors.js';
import { decodeCursor } from '../shared/pagination.js';
import { isRealDate } from '../shared/calendar-date.js';

export function assertCentreVisible(principal: Principal | undefined, centreId: string) {
  if (principal?.role === 'admin' || principal?.role === 'auditor') return;
  if (principal?.role === 'centre' && principal.centreId === centreId) return;
  throw notFound('Centre');
}

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

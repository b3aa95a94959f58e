// The period a statistic covers: from and to, both days included.
import { ValidationError } from '../errors.js';
import { daysBetween } from '../shared/calendar.js';

export type Period = { from: string; to: string };

/** Ten years at most, so one request cannot ask the database to scan its whole history twice over. */
export const MAX_PERIOD_DAYS = 3660;

/** Refuses a period that ends before it starts or spans more than ten years (400, naming `to`). */
export function checkPeriod(period: Period, path = '/query/to'): void {
  if (period.to < period.from) throw new ValidationError([{ path, message: 'must be on or after from' }]);
  if (daysBetween(period.from, period.to) > MAX_PERIOD_DAYS) {
    throw new ValidationError([{ path, message: `must be at most ${MAX_PERIOD_DAYS} days after from` }]);
  }
}

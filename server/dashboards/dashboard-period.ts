// The period a dashboard covers and the steps its budget chart takes. Pure, so the edges (a month
// cut short by the period, a week past its end) are unit-testable. A period is inclusive: from
// its first day through its last; by default the twelve months up to today.
import { ValidationError, type FieldError } from '../errors.js';
import { addDays, addMonths, daysBetween } from '../shared/calendar.js';

export const INTERVALS = ['month', 'week'] as const;
export type Interval = (typeof INTERVALS)[number];

export type Period = { from: string; to: string; interval: Interval };

/** Two years of days: a daily chart stays readable and a request stays cheap. */
export const MAX_PERIOD_DAYS = 731;

export type PeriodProblem = { field: 'from' | 'to'; problem: 'order' | 'too_long' };

/** The default period (the twelve months that end today), or the problem of the one asked for. */
export function periodOf(asked: { from?: string | undefined; to?: string | undefined; interval?: Interval | undefined }, today: string) {
  const to = asked.to ?? today;
  const from = asked.from ?? addDays(addMonths(to, -12), 1);
  const period: Period = { from, to, interval: asked.interval ?? 'month' };
  const problem: PeriodProblem | undefined =
    from > to
      ? { field: 'from', problem: 'order' }
      : daysBetween(from, to) >= MAX_PERIOD_DAYS
        ? { field: 'from', problem: 'too_long' }
        : undefined;
  return { period, problem };
}

const MESSAGES: Record<PeriodProblem['problem'], string> = {
  order: 'must not be after to',
  too_long: `must be at most ${MAX_PERIOD_DAYS} days before to`,
};

/** The API's 400 for a period that is not one. */
export const periodError = ({ field, problem }: PeriodProblem) =>
  new ValidationError([{ path: `/query/${field}`, message: MESSAGES[problem] } satisfies FieldError]);

const endOfMonth = (date: string) => addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);

/** The steps of the chart: each from its first through its last day, within the period. */
export function stepsOf(period: Period): { from: string; to: string }[] {
  const steps: { from: string; to: string }[] = [];
  for (let from = period.from; from <= period.to;) {
    const end = period.interval === 'month' ? endOfMonth(from) : addDays(from, 6);
    const to = end < period.to ? end : period.to;
    steps.push({ from, to });
    from = addDays(to, 1);
  }
  return steps;
}

/** Every day of the period, in order. */
export function daysOf(period: Period): string[] {
  return Array.from({ length: daysBetween(period.from, period.to) + 1 }, (_, i) => addDays(period.from, i));
}

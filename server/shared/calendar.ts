// Calendar arithmetic on 'YYYY-MM-DD' strings in UTC, for ages, waiting periods, evidence age and the
// programme periods (shared: eligibility, programmes and the flows all count days the same way).
// One convention throughout: adding months or years to a day that does not exist in the target
// month lands on that month's last day, so a right (or a birthday) of 29 February reaches its
// anniversary on 28 February in a common year.

const DAY_MS = 86_400_000;

type Parts = { year: number; month: number; day: number };

function parts(date: string): Parts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const epochDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

export function addDays(date: string, days: number): string {
  return new Date((epochDays(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round(epochDays(to) - epochDays(from));

/** Completed calendar months from `from` to `to` (0 when `to` is not later). */
export function completedMonths(from: string, to: string): number {
  if (to <= from) return 0;
  const a = parts(from);
  const b = parts(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

export const completedYears = (from: string, to: string) => Math.floor(completedMonths(from, to) / 12);

/**
 * A period as an ISO 8601 duration of years, months and days ("P3M", "P5Y11M29D"). Periods are
 * compared as (months, days) pairs: months are calendar months, never a fixed number of days.
 */
export type Period = { months: number; days: number };

const DURATION = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/;

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && value !== 'P' && DURATION.test(value);
}

export function parseDuration(text: string): Period {
  const match = DURATION.exec(text);
  if (!match || text === 'P') throw new Error(`not a duration: ${text}`);
  return { months: Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0), days: Number(match[3] ?? 0) };
}

export function formatDuration({ months, days }: Period): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const text = `P${years ? `${years}Y` : ''}${rest ? `${rest}M` : ''}${days ? `${days}D` : ''}`;
  return text === 'P' ? 'P0D' : text;
}

export function compareDurations(a: string, b: string): number {
  const x = parseDuration(a);
  const y = parseDuration(b);
  return x.months !== y.months ? x.months - y.months : x.days - y.days;
}

/** The time elapsed from `from` to `to` as completed months plus the days left over. */
export function durationBetween(from: string, to: string): string {
  const months = completedMonths(from, to);
  return formatDuration({ months, days: Math.max(0, daysBetween(addMonths(from, months), to)) });
}

export function addDuration(date: string, duration: string): string {
  const { months, days } = parseDuration(duration);
  return addDays(addMonths(date, months), days);
}

// Calendar arithmetic for mandate windows, on 'YYYY-MM-DD' strings so no time zone can shift a
// day. A mandate of a career centre lasts 6 years at most (docs/design/domain.md, the LBC provider); no programme
// grants a longer one, so the same ceiling holds for every programme.
export const MAX_MANDATE_YEARS = 6;

/** The same day `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** The day before `date`, e.g. the last day of a window that starts again on `date`. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

// Calendar dates travel as 'YYYY-MM-DD' text (pg returns DATE as text too), so a date never
// shifts with a time zone.

/** 'YYYY-MM-DD' that exists on the calendar (no 2023-02-29, no 2024-13-01), within 1900-2199. */
export function isRealDate(text: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === text &&
    date.getUTCFullYear() >= 1900 &&
    date.getUTCFullYear() <= 2199
  );
}

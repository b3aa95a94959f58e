// Signal cases as the administrators' pages show them: the kind in words, what was measured, and
// the rows behind the case as a table whose columns are the rows' own fields, each value written
// the way its kind of value is written elsewhere (dates, hours and money through `format`).
import type { SignalCaseView } from '../../../signals/signals.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import type { Language } from '../../../shared/language.js';

type Value = string | number | boolean | null;

const DATES = new Set(['date', 'lastActive', 'wokeOn']);
const HOURS = new Set(['hours', 'historyHours', 'maxHoursPerDay', 'minHours']);
const MOMENTS = new Set(['recordedAt', 'sentAt', 'hour']);
const MONTH = /^(\d{4})-(\d{2})$/;
/** Internal ids the page does not show as columns (a session is found by its cheque and date). */
const HIDDEN_COLUMNS = new Set(['session', 'currency']);

/** A month 'YYYY-MM' in words ("June 2031" / "juni 2031"). */
function monthIn(language: Language, value: string): string {
  const match = MONTH.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function valueText(key: string, value: Value, row: Record<string, Value>, format: Formats, language: Language): string {
  if (value === null) return '–';
  const text = String(value);
  if (DATES.has(key)) return format.date(text);
  if (HOURS.has(key)) return format.hours(text);
  if (MOMENTS.has(key)) return `${format.date(new Date(text))} ${new Date(text).toISOString().slice(11, 16)} UTC`;
  if (key === 'month') return monthIn(language, text);
  if (key === 'funded' && typeof row.currency === 'string') return format.money(text, row.currency);
  return text;
}

export const kindLabel = (t: Translate, kind: string) => t(`adminSignals.kinds.${kind}.title`);

/** The case's one-line summary for the list: what it is about, in the kind's words. */
export function caseSummary(item: SignalCaseView, t: Translate, format: Formats, language: Language): string {
  const facts = Object.fromEntries(
    Object.entries(item.facts).map(([key, value]) => [key, valueText(key, value, item.facts, format, language)]),
  ) as Record<string, string>;
  return t(`adminSignals.kinds.${item.kind}.summary`, facts);
}

export function caseView(item: SignalCaseView, t: Translate, format: Formats, language: Language) {
  const columns = [...new Set(item.rows.flatMap((row) => Object.keys(row)))].filter((key) => !HIDDEN_COLUMNS.has(key));
  return {
    id: item.id,
    kind: item.kind,
    kindLabel: kindLabel(t, item.kind),
    explanation: t(`adminSignals.kinds.${item.kind}.explanation`),
    summary: caseSummary(item, t, format, language),
    centre: item.centre,
    open: item.status === 'open',
    detectedOn: format.date(item.detectedAt),
    facts: Object.entries(item.facts).map(([key, value]) => ({
      label: t(`adminSignals.facts.${key}`),
      value: valueText(key, value, item.facts, format, language),
    })),
    columns: columns.map((key) => t(`adminSignals.columns.${key}`)),
    rows: item.rows.map((row) => columns.map((key) => valueText(key, row[key] ?? null, row, format, language))),
    closed: item.closed
      ? { on: format.date(item.closed.at), by: item.closed.by.email ?? item.closed.by.id, reason: item.closed.reason }
      : null,
  };
}

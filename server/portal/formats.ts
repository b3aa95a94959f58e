// Amounts, hours and dates as each language writes them: EUR 1.234,50 and 4 december 2026 in
// Dutch, GBP 1,234.50 and 4 December 2026 in English. Amounts are grouped from their decimal
// string, never through a float.
import { Decimal } from 'decimal.js';
import type { Language } from '../shared/language.js';

const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  nl: { group: '.', decimal: ',' },
};
const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-BE' };

function formatNumber(value: Decimal.Value, language: Language, places: number | undefined): string {
  const decimal = new Decimal(value);
  const text = places === undefined ? decimal.abs().toFixed() : decimal.abs().toFixed(places);
  const [whole = '0', fraction] = text.split('.');
  const { group, decimal: point } = SEPARATORS[language];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${decimal.isNegative() && !decimal.isZero() ? '-' : ''}${grouped}${fraction ? point + fraction : ''}`;
}

/** `formatMoney('1234.5', 'EUR', 'nl')` is 'EUR 1.234,50'. */
export const formatMoney = (amount: Decimal.Value, currency: string, language: Language) =>
  `${currency} ${formatNumber(amount, language, 2)}`;

/** Hours as a number only ('1,5' in Dutch); the catalogue says 'hours' or 'uur' around it. */
export const formatHours = (hours: Decimal.Value, language: Language) => formatNumber(hours, language, undefined);

/** A calendar date 'YYYY-MM-DD' (or a moment) as '4 December 2026' / '4 december 2026'. */
export function formatDate(date: string | Date, language: Language): string {
  const moment = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(moment);
}

/** The time of day, as the service keeps its business day: in UTC. */
export function formatTime(moment: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(
    moment,
  );
}

export type Formats = {
  money: (amount: Decimal.Value, currency: string) => string;
  hours: (hours: Decimal.Value) => string;
  date: (date: string | Date) => string;
  time: (moment: Date) => string;
};

export const formatsFor = (language: Language): Formats => ({
  money: (amount, currency) => formatMoney(amount, currency, language),
  hours: (hours) => formatHours(hours, language),
  date: (date) => formatDate(date, language),
  time: (moment) => formatTime(moment, language),
});

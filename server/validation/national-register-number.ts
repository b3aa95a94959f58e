// Belgian national register number (rijksregisternummer / numéro de registre national):
// YYMMDD-SSS-CC. CC = 97 - (YYMMDDSSS mod 97); for people born in 2000 or later the same rule is
// applied to "2" followed by the nine digits, which is how the century is told apart. The date
// part may be incomplete (month or day 00) and bis numbers add 20 or 40 to the month, so the
// date is checked only as far as it is known.
import { isRealDate } from '../shared/calendar-date.js';

export type NrnCheck = { ok: true; nrn: string; century: 1900 | 2000 } | { ok: false; message: string };

/** Strips the usual separators ('.', '-', ' '); the result is the 11-digit form that is stored. */
export function normaliseNrn(text: string): string {
  return text.replace(/[.\-\s]/g, '');
}

export function nrnCheckDigits(nineDigits: string, bornFrom2000: boolean): string {
  const base = BigInt(bornFrom2000 ? `2${nineDigits}` : nineDigits);
  return String(97n - (base % 97n)).padStart(2, '0');
}

export function checkNrn(text: string): NrnCheck {
  const nrn = normaliseNrn(text);
  if (!/^\d{11}$/.test(nrn)) return { ok: false, message: 'must be 11 digits, e.g. "85.07.30-033.28"' };
  const base = nrn.slice(0, 9);
  const check = nrn.slice(9);
  const century = check === nrnCheckDigits(base, false) ? 1900 : check === nrnCheckDigits(base, true) ? 2000 : undefined;
  if (century === undefined) return { ok: false, message: 'the check digits do not match: this is not a valid national register number' };
  const dateProblem = birthDateProblem(nrn, century);
  if (dateProblem) return { ok: false, message: dateProblem };
  return { ok: true, nrn, century };
}

export const isValidNrn = (text: string) => checkNrn(text).ok;

function birthDateProblem(nrn: string, century: 1900 | 2000): string | undefined {
  const rawMonth = Number(nrn.slice(2, 4));
  const day = Number(nrn.slice(4, 6));
  // 20-32 and 40-52 are bis numbers (gender known or not); the real month is the remainder.
  const month = rawMonth >= 40 ? rawMonth - 40 : rawMonth >= 20 ? rawMonth - 20 : rawMonth;
  if (month > 12 || day > 31) return 'the birth date part (YYMMDD) is not a possible date';
  if (month === 0 || day === 0) return undefined;
  const year = century + Number(nrn.slice(0, 2));
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isRealDate(date) ? undefined : 'the birth date part (YYMMDD) is not a date that exists';
}

/** A formatted number for people: "85.07.30-033.28". */
export function formatNrn(nrn: string): string {
  return `${nrn.slice(0, 2)}.${nrn.slice(2, 4)}.${nrn.slice(4, 6)}-${nrn.slice(6, 9)}.${nrn.slice(9)}`;
}

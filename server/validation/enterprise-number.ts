// Registration numbers of centres and providers. Belgian centres have an enterprise number of the
// Crossroads Bank for Enterprises (KBO/BCE); UK providers have none, so a UK Companies House
// number stands in for it. Both are stored in one column, normalised, and are unique there.
//
// The rule, chosen so the two can never be confused:
// - Belgian (KBO/BCE): 10 digits, written "0123.456.749", "0123456749" or "BE0123456749" (spaces
//   allowed), stored as the 10 digits. The first digit is 0 or 1 and the last two are check
//   digits: 97 - (first 8 digits mod 97).
// - UK (Companies House): exactly 8 characters, stored upper case: 8 digits ("01234567", England
//   and Wales) or a 2-letter register prefix and 6 digits ("SC123456"). Companies House numbers
//   carry no check digit, so only the shape and the prefix are checked; the prefixes are those of
//   companies, LLPs and limited partnerships that can run a training business.
// A Belgian number has 10 characters and a UK one 8, so the stored length tells the registry.
import { z } from 'zod';

export type Registry = 'BE_KBO' | 'UK_COMPANIES_HOUSE';
export type ParsedEnterpriseNumber = { ok: true; value: string; registry: Registry } | { ok: false; message: string };

const KBO_FORM = /^(?:BE)?([01]\d{3})\.?(\d{3})\.?(\d{3})$/;
const UK_FORM = /^(\d{2}|[A-Z]{2})(\d{6})$/;
const UK_PREFIXES = new Set(['SC', 'NI', 'OC', 'SO', 'NC', 'LP', 'SL', 'NL', 'FC', 'SF', 'NF']);

const FORMAT_MESSAGE =
  'must be a Belgian enterprise number (0123.456.749, 0123456749 or BE0123456749) or a UK Companies House number (8 characters, e.g. 01234567 or SC123456)';

/** The two check digits of a KBO/BCE number, from its first 8 digits. */
export function kboCheckDigits(firstEight: string): string {
  return String(97 - (Number(firstEight) % 97)).padStart(2, '0');
}

export function parseEnterpriseNumber(input: string): ParsedEnterpriseNumber {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const kbo = KBO_FORM.exec(compact);
  if (kbo) {
    const digits = kbo.slice(1).join('');
    if (kboCheckDigits(digits.slice(0, 8)) !== digits.slice(8)) {
      return { ok: false, message: 'check digits do not match (97 - first 8 digits mod 97)' };
    }
    return { ok: true, value: digits, registry: 'BE_KBO' };
  }
  const uk = UK_FORM.exec(compact);
  if (uk && (/^\d\d$/.test(uk[1]!) || UK_PREFIXES.has(uk[1]!)) && !/^0{8}$/.test(compact)) {
    return { ok: true, value: compact, registry: 'UK_COMPANIES_HOUSE' };
  }
  if (/^(?:BE)?[\d.]+$/.test(compact) && compact.replace(/\D/g, '').length === 10 && !/^(?:BE)?[01]/.test(compact)) {
    return { ok: false, message: 'a Belgian enterprise number starts with 0 or 1' };
  }
  return { ok: false, message: FORMAT_MESSAGE };
}

/** Which registry a stored (normalised) number belongs to. */
export const registryOf = (stored: string): Registry => (stored.length === 10 ? 'BE_KBO' : 'UK_COMPANIES_HOUSE');

/** Boundary schema: any accepted form in, the normalised number out. */
export const enterpriseNumberSchema = z
  .string({ error: FORMAT_MESSAGE })
  .max(30, FORMAT_MESSAGE)
  .transform((input, ctx) => {
    const parsed = parseEnterpriseNumber(input);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

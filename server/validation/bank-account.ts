// Bank account identifiers a SEPA credit transfer needs: the IBAN (ISO 13616) and the BIC (ISO 9362).
// An IBAN is typed with spaces and in any case ("be68 5390 0754 7034"); it is stored compact and
// upper case. Its two check digits make the whole number, read with its first four characters
// moved to the end and each letter as two digits (A = 10 ... Z = 35), equal 1 mod 97; the length
// is fixed per country, checked for the SEPA countries (others: 15 to 34 characters).
// A BIC is 8 or 11 characters: 4 for the institution, 2 letters of a country, 2 for the location
// and optionally 3 for a branch (the pattern of pain.001's BICFIDec2014Identifier).
import { z } from 'zod';

/** IBAN lengths of the countries in the SEPA schemes (EPC409-09, the IBAN registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
}; // prettier-ignore

const IBAN_FORM = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC_FORM = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** The IBAN's remainder mod 97, computed piecewise: the number has up to 68 digits. */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const digits = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    remainder = Number(`${remainder}${digits}`) % 97;
  }
  return remainder;
}

export type ParsedIban = { ok: true; value: string } | { ok: false; message: string };

export function parseIban(input: string): ParsedIban {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!IBAN_FORM.test(compact)) {
    return { ok: false, message: 'must be an IBAN: 2 letters of a country, 2 check digits and the account (e.g. BE68 5390 0754 7034)' };
  }
  const length = IBAN_LENGTHS[compact.slice(0, 2)];
  if (length !== undefined && compact.length !== length) {
    return { ok: false, message: `must have ${length} characters for an IBAN of ${compact.slice(0, 2)}` };
  }
  if (ibanRemainder(compact) !== 1) return { ok: false, message: 'check digits do not match (ISO 13616, mod 97)' };
  return { ok: true, value: compact };
}

export const ibanSchema = z.string().transform((input, ctx) => {
  const parsed = parseIban(input);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

export const bicSchema = z
  .string()
  .transform((input) => input.replace(/\s+/g, '').toUpperCase())
  .refine((bic) => BIC_FORM.test(bic), 'must be a BIC of 8 or 11 characters (e.g. GKCCBEBB)');

/** A name as SEPA carries it: at most 70 characters (EPC's restriction of pain.001's Max140Text). */
export const accountHolderSchema = z.string().trim().min(1, 'must not be empty').max(70, 'must be at most 70 characters');

/** The IBAN of a country's domestic account number (BBAN), with its check digits computed: 98 - (BBAN + country + 00 mod 97). */
export function ibanWithCheckDigits(country: string, bban: string): string {
  const check = 98 - ibanRemainder(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

// UK National Insurance number, checked by format (HMRC's published allocation rules): two
// prefix letters, six digits and a suffix A-D. D, F, I, Q, U and V are never used in the prefix,
// O is never the second letter, and BG, GB, KN, NK, NT, TN and ZZ are not allocated.
// There are no check digits, so format is all that can be verified.

const FORMAT = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export type NinoCheck = { ok: true; nino: string } | { ok: false; message: string };

/** Spaces are allowed on input ("QQ 12 34 56 C" style) and removed; letters are upper-cased. */
export function normaliseNino(text: string): string {
  return text.replace(/\s/g, '').toUpperCase();
}

export function checkNino(text: string): NinoCheck {
  const nino = normaliseNino(text);
  if (!FORMAT.test(nino)) {
    return { ok: false, message: 'must be two prefix letters, six digits and a suffix A-D, e.g. "AB 12 34 56 C"' };
  }
  if (UNALLOCATED_PREFIXES.has(nino.slice(0, 2))) return { ok: false, message: `the prefix ${nino.slice(0, 2)} is never allocated` };
  return { ok: true, nino };
}

export const isValidNino = (text: string) => checkNino(text).ok;

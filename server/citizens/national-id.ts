// One `nationalId` field serves both schemes; the shape decides which: 11 digits once the usual
// separators are removed is a Belgian national register number, letters and digits a UK
// National Insurance number. The stored form is the normalised one, so duplicates are found
// however the number was typed.
import { z } from 'zod';
import { checkNino } from '../validation/national-insurance-number.js';
import { checkNrn, normaliseNrn } from '../validation/national-register-number.js';

export const NATIONAL_ID_SCHEMES = ['BE_NRN', 'UK_NINO'] as const;
export type NationalIdScheme = (typeof NATIONAL_ID_SCHEMES)[number];
export type NationalId = { value: string; scheme: NationalIdScheme };

export function parseNationalId(text: string): { ok: true; id: NationalId } | { ok: false; message: string } {
  if (/^[\d.\-\s]+$/.test(text)) {
    const check = checkNrn(text);
    return check.ok ? { ok: true, id: { value: check.nrn, scheme: 'BE_NRN' } } : { ok: false, message: check.message };
  }
  if (/[a-z]/i.test(normaliseNrn(text))) {
    const check = checkNino(text);
    return check.ok ? { ok: true, id: { value: check.nino, scheme: 'UK_NINO' } } : { ok: false, message: check.message };
  }
  return { ok: false, message: 'must be a Belgian national register number (11 digits) or a UK National Insurance number' };
}

export const nationalIdSchema = z
  .string()
  .max(40)
  .transform((text, ctx): NationalId => {
    const parsed = parseNationalId(text.trim());
    if (parsed.ok) return parsed.id;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

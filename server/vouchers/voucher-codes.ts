// What a citizen hands a centre: a cheque code and a separate client number. Both are drawn from
// the operating system's CSPRNG so a centre cannot guess its way to someone else's cheque.
import { randomInt } from 'node:crypto';

// Crockford base32: no I, L, O or U, so codes read aloud or typed from paper do not get mixed up.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `<prefix>-` and 10 base32 characters (50 bits); the prefix is the programme's (voucherPrefixOf). */
export function newVoucherCode(prefix: string): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return `${prefix}-${code}`;
}

/**
 * What a programme's cheque codes start with: the `referencePrefix` of the version in force (its
 * schema holds it to 2-10 capitals and digits), else the programme's code.
 */
export function voucherPrefixOf(code: string, values: Record<string, unknown>): string {
  return typeof values.referencePrefix === 'string' ? values.referencePrefix : code;
}

/** 8 digits, never starting with 0 (so it survives spreadsheets that drop leading zeros). */
export const newClientNumber = () => String(randomInt(10_000_000, 100_000_000));

/** How codes are accepted: trimmed and upper-cased (a code typed in lower case still matches). */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** The prefix of a (normalised) code: what comes before its dash. */
export const prefixOfCode = (code: string) => code.split('-')[0] ?? '';

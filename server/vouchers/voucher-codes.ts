// What a citizen hands a centre: a cheque code and a separate client number. Both are drawn from
// the operating system's CSPRNG so a centre cannot guess its way to someone else's cheque.
import { randomInt } from 'node:crypto';

// Crockford base32: no I, L, O or U, so codes read aloud or typed from paper do not get mixed up.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 'LBC-' and 10 base32 characters: 50 bits. */
export function newVoucherCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return `LBC-${code}`;
}

/** 8 digits, never starting with 0 (so it survives spreadsheets that drop leading zeros). */
export const newClientNumber = () => String(randomInt(10_000_000, 100_000_000));

/** How codes are accepted: trimmed and upper-cased (a code typed in lower case still matches). */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** The programme a cheque code belongs to, read from its prefix ('LBC-…' is an LBC cheque). */
export const programmeOfCode = (code: string) => normaliseCode(code).split('-')[0] ?? '';

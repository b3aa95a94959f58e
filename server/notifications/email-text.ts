// What a notification says by e-mail: its own subject and body, with every cheque code masked, and
// a footer in the reader's language. A cheque code together with its client number is what a
// centre registers a cheque with, and an e-mail passes through servers and mailboxes we do not
// control: the code stays in the portal, the e-mail keeps only its programme prefix.
import type { Language } from '../shared/language.js';

// As the programmes make them: a prefix of 2 to 10 characters (the programme's referencePrefix or
// code, e.g. 'LBC-', 'STAP-') and 10 Crockford base32 characters, also typed in lower case by a
// citizen. A word pair such as "well-documented" is left alone: a code's 10 characters as we make
// them are in capitals, and one typed in lower case is recognised by the digit it almost always holds.
const CODE = /\b([A-Za-z][A-Za-z0-9]{1,9})-([0-9A-Za-z]{10})\b/g;
const looksLikeCode = (suffix: string) => /^[0-9A-HJKMNP-TV-Z]{10}$/.test(suffix) || /[0-9]/.test(suffix);

const FOOTERS: Record<Language, string> = {
  en:
    'You receive this e-mail because something changed on your learning account. ' +
    'Sign in to the portal to read it in full. Please do not reply to this e-mail.',
  nl:
    'U ontvangt deze e-mail omdat er iets veranderde op uw leerrekening. ' +
    'Meld u aan op het portaal om alles te lezen. Antwoord niet op deze e-mail.',
};

export const maskChequeCodes = (text: string) =>
  text.replace(CODE, (code, prefix: string, suffix: string) => (looksLikeCode(suffix) ? `${prefix.toUpperCase()}-…` : code));

export type EmailTexts = { subject: string; bodies: Record<Language, string> };

/** The e-mail of a notification in each language; the outbox keeps the one of the reader's language. */
export function emailTexts(notification: { subject: string; body: string }): EmailTexts {
  const body = maskChequeCodes(notification.body);
  const withFooter = (language: Language) => `${body}\n\n-- \n${FOOTERS[language]}\n`;
  return { subject: maskChequeCodes(notification.subject), bodies: { en: withFooter('en'), nl: withFooter('nl') } };
}

// A centre's contact details as a form, shared by the administrators' centre page and the centre's
// own portal: read by the API's own check (changeContactBody), a blank field taking the detail
// away, each problem named at its field in the reader's language. The template is
// views/pages/contact-form.njk.
import { CONTACT_FIELDS, changeContactBody, type CentreContact } from '../../centres/centres.js';
import type { FormErrors } from '../form-errors.js';
import type { Translate } from '../i18n.js';

/** The form's text by field ('' where a detail is not given). */
export const contactFormOf = (contact: CentreContact): Record<string, string> =>
  Object.fromEntries(CONTACT_FIELDS.map((field) => [field, contact[field] ?? '']));

/** The posted fields, and either the contact details they ask for or their problems. */
export function readContactForm(body: unknown, t: Translate) {
  const posted = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const form = Object.fromEntries(CONTACT_FIELDS.map((field) => [field, typeof posted[field] === 'string' ? posted[field] : '']));
  const asked = Object.fromEntries(CONTACT_FIELDS.map((field) => [field, form[field]!.trim() === '' ? null : form[field]]));
  const parsed = changeContactBody.safeParse(asked);
  if (parsed.success) return { ok: true as const, form, contact: parsed.data };
  const errors: FormErrors = { summary: [], fields: {} };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    if (errors.fields[field]) continue;
    const text = t(`centreContact.errors.${field}`);
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  }
  return { ok: false as const, form, errors };
}

/** The details as a summary list shows them: a row per detail, "Not given" where there is none. */
export const contactRows = (contact: CentreContact, t: Translate) =>
  CONTACT_FIELDS.map((field) => ({
    key: { text: t(`centreContact.${field}`) },
    value: { text: contact[field] ?? t('centreContact.notGiven') },
  }));

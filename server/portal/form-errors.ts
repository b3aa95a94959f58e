// A form's zod errors as the GOV.UK error summary and field messages. A schema names its messages
// by catalogue key (`z.email({ error: 'login.errors.email' })`), so each language reads its own;
// a message that is not a key is shown as it is.
import type { z } from 'zod';
import type { Translate } from './i18n.js';

export type FormErrors = {
  /** For govukErrorSummary's errorList: each links to its field. */
  summary: { text: string; href: string }[];
  /** For each component's errorMessage, by field name. */
  fields: Record<string, { text: string }>;
};

/** Field ids are the field's path joined by '-' ('address-postcode'); the first problem of a field wins. */
export function formErrors(issues: readonly z.core.$ZodIssue[], t: Translate): FormErrors {
  const errors: FormErrors = { summary: [], fields: {} };
  for (const issue of issues) {
    const field = issue.path.map(String).join('-') || 'form';
    if (errors.fields[field]) continue;
    const text = t(issue.message);
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  }
  return errors;
}

/** One problem that belongs to no single field's format (e.g. wrong credentials), shown against `field`. */
export const fieldProblem = (field: string, text: string): FormErrors => ({
  summary: [{ text, href: `#${field}` }],
  fields: { [field]: { text } },
});

/** The form's values, or its errors ready for the page. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: Translate,
): { ok: true; value: z.output<S> } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(body ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: formErrors(parsed.error.issues, t) };
}

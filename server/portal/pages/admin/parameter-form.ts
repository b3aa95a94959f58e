// A kind's parameters as form fields (from the programmes component's parameterFields, read from
// the kind's schema): what each field shows, how its text becomes the value the service takes,
// and how a service refusal at `/values/<name>` lands on the field it names. The service checks
// every value (shape, bounds, coherence); the form only turns what people type into JSON.
import { Decimal } from 'decimal.js';
import type { ParameterField } from '../../../programmes/programmes.js';
import { AppError } from '../../../errors.js';
import type { FormErrors } from '../../form-errors.js';
import { lookUp, type Translate } from '../../i18n.js';
import type { Language } from '../../../shared/language.js';
import { dateOf } from './admin-forms.js';

export type FormText = Record<string, string>;

const AMOUNT = /^\d{1,10}([.,]\d{1,3})?$/;
const INTEGER = /^\d{1,9}$/;

/** The form field's name of a parameter (dates add -day, -month, -year). */
export const fieldName = (name: string) => `p-${name}`;
/** Where the error summary links for a field (a date's first box). */
export const fieldAnchor = (field: string, isDate: boolean) => (isDate ? `${field}-day` : field);

/** The label of a parameter in the page's language; a parameter the catalogue does not name yet shows its own name. */
export const parameterLabel = (t: Translate, language: Language, name: string) =>
  lookUp(language, `adminProgrammes.parameter.${name}`) === undefined ? name : t(`adminProgrammes.parameter.${name}`);

/** A stored value as the form's text, to fill a field with it. */
export function textOf(field: ParameterField, value: unknown): FormText {
  const key = fieldName(field.name);
  if (field.type === 'date') {
    const [year = '', month = '', day = ''] = typeof value === 'string' ? value.split('-') : [];
    return { [`${key}-day`]: day, [`${key}-month`]: month, [`${key}-year`]: year };
  }
  if (value === null || value === undefined) return { [key]: '' };
  if (field.type === 'list' && Array.isArray(value)) return { [key]: value.map(String).join(', ') };
  if (field.type === 'json') return { [key]: JSON.stringify(value, null, 2) };
  return { [key]: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** The text of every field, from stored values (a version, or nothing for a new programme). */
export function textsOf(fields: readonly ParameterField[], values: Record<string, unknown>): FormText {
  return Object.assign({}, ...fields.map((field) => textOf(field, values[field.name]))) as FormText;
}

/** The posted fields' text (anything that is not a string is left out). */
export function postedText(body: unknown): FormText {
  return Object.fromEntries(
    Object.entries(typeof body === 'object' && body !== null ? body : {}).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value]] : [],
    ),
  );
}

const amount = (text: string) => text.replace(',', '.');

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string } | { ok: true; value?: never; empty: true };

function itemOf(type: ParameterField['type'], text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (type === 'money' || type === 'hours' || type === 'rate') {
    return AMOUNT.test(text) ? { ok: true, value: amount(text) } : { ok: false, problem: `adminProgrammes.errors.${type}` };
  }
  if (type === 'integer')
    return INTEGER.test(text) ? { ok: true, value: Number(text) } : { ok: false, problem: 'adminProgrammes.errors.integer' };
  return { ok: true, value: text };
}

/** One field's value from its text; `empty` when nothing was typed (and the field may be left so). */
function parseField(field: ParameterField, text: FormText): Parsed {
  const key = fieldName(field.name);
  if (field.type === 'date') {
    const typed = ['day', 'month', 'year'].some((part) => (text[`${key}-${part}`] ?? '').trim() !== '');
    if (!typed) return field.nullable ? { ok: true, value: null } : { ok: true, empty: true };
    const date = dateOf(text, key);
    return date ? { ok: true, value: date } : { ok: false, problem: 'adminProgrammes.errors.date' };
  }
  const typed = (text[key] ?? '').trim();
  if (field.type === 'list') {
    const items = typed.split(/[\s,;]+/).filter((item) => item !== '');
    if (items.length === 0 && field.nullable) return { ok: true, value: null };
    const values = items.map((item) => itemOf(field.item ?? 'text', item));
    const wrong = values.find((value) => !value.ok);
    return wrong ?? { ok: true, value: values.map((value) => (value.ok ? value.value : undefined)) };
  }
  if (typed === '') return field.nullable ? { ok: true, value: null } : { ok: true, empty: true };
  if (field.type === 'json') {
    try {
      return { ok: true, value: JSON.parse(typed) as unknown };
    } catch {
      return { ok: false, problem: 'adminProgrammes.errors.json' };
    }
  }
  if (field.type === 'choice' && !(field.options ?? []).includes(typed)) return { ok: false, problem: 'adminProgrammes.errors.choice' };
  return itemOf(field.type, typed);
}

export type ParsedParameters = { ok: true; values: Record<string, unknown> } | { ok: false; errors: FormErrors };

/**
 * Every field's value (an empty field that may be left so is left out). The text that cannot be
 * a value at all (letters for an amount, a date that does not exist, broken JSON) is named here;
 * everything else the service checks.
 */
export function parseParameters(
  fields: readonly ParameterField[],
  text: FormText,
  label: (name: string) => string,
  t: Translate,
): ParsedParameters {
  const values: Record<string, unknown> = {};
  const errors: FormErrors = { summary: [], fields: {} };
  for (const field of fields) {
    const parsed = parseField(field, text);
    if (!parsed.ok) {
      const message = `${label(field.name)}: ${t(parsed.problem)}`;
      errors.fields[fieldName(field.name)] = { text: message };
      errors.summary.push({ text: message, href: `#${fieldAnchor(fieldName(field.name), field.type === 'date')}` });
    } else if (!('empty' in parsed)) values[field.name] = parsed.value;
  }
  return errors.summary.length > 0 ? { ok: false, errors } : { ok: true, values };
}

const sameValue = (field: ParameterField, a: unknown, b: unknown): boolean => {
  const amounts = field.type === 'money' || field.type === 'hours' || field.type === 'rate';
  const decimalOf = (value: unknown) => (typeof value === 'string' && AMOUNT.test(value) ? new Decimal(value) : undefined);
  if (amounts) {
    const [x, y] = [decimalOf(a), decimalOf(b)];
    if (x && y) return x.eq(y);
  }
  if (field.type === 'list' && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.every((item, i) => sameValue({ ...field, type: field.item ?? 'text' }, item, b[i]));
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
};

/** The values that differ from `before` (a change names only what it changes). */
export function changedValues(fields: readonly ParameterField[], values: Record<string, unknown>, before: Record<string, unknown>) {
  return Object.fromEntries(
    fields
      .filter((field) => field.name in values && !sameValue(field, values[field.name], before[field.name]))
      .map((field) => [field.name, values[field.name]]),
  );
}

/** The service's words for a parameter (English) as the catalogue says them, where it knows them; else as they are. */
const SERVICE_MESSAGES: readonly { pattern: RegExp; key: string; names: readonly string[] }[] = [
  { pattern: /^must be at most (\S+)$/, key: 'atMost', names: ['max'] },
  { pattern: /^must not change more than (\d+)-fold in one version \((\S+) before it\)$/, key: 'fold', names: ['factor', 'before'] },
  { pattern: /^must be (\d{4}-\d{2}-\d{2}) or later$/, key: 'fromDate', names: ['date'] },
  { pattern: /^the cheques must add up to rightHours \((\S+)\)$/, key: 'addUp', names: ['hours'] },
  { pattern: /^must not exceed the smallest cheque's worth \((\S+)\)$/, key: 'smallestCheque', names: ['amount'] },
  { pattern: /^Invalid input: expected \w+, received undefined$/, key: 'required', names: [] },
  { pattern: /^is required$/, key: 'required', names: [] },
];

export function serviceMessage(message: string, t: Translate): string {
  for (const { pattern, key, names } of SERVICE_MESSAGES) {
    const found = pattern.exec(message);
    if (found) return t(`adminProgrammes.service.${key}`, Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ''])));
  }
  return message;
}

/** One problem against field `id` (a date's: its first box, `anchor`). */
export const fieldError = (id: string, text: string, anchor = id): FormErrors => ({
  summary: [{ text, href: `#${anchor}` }],
  fields: { [id]: { text } },
});

export type OtherField = { id: string; anchor: string; text: string };

/**
 * A service refusal as the error summary: each of its field errors on the field it points to
 * (`/values/<name>/...` on the parameter; `others` by pointer, such as `/effectiveFrom`), with the
 * field's label, so the summary names the field. Undefined when the refusal names no field here.
 */
export function refusalErrors(
  error: AppError,
  fields: readonly ParameterField[],
  label: (name: string) => string,
  others: Record<string, OtherField>,
  said: (message: string) => string,
): FormErrors | undefined {
  const pointers = Array.isArray(error.extra.errors) ? (error.extra.errors as { path?: unknown; message?: unknown }[]) : [];
  const errors: FormErrors = { summary: [], fields: {} };
  for (const { path, message } of pointers) {
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const field = fields.find((candidate) => path === `/values/${candidate.name}` || path.startsWith(`/values/${candidate.name}/`));
    const target: OtherField | undefined = field
      ? { id: fieldName(field.name), anchor: fieldAnchor(fieldName(field.name), field.type === 'date'), text: label(field.name) }
      : others[path];
    if (!target || errors.fields[target.id]) continue;
    const text = `${target.text}: ${said(message)}`;
    errors.fields[target.id] = { text };
    errors.summary.push({ text, href: `#${target.anchor}` });
  }
  return errors.summary.length > 0 ? errors : undefined;
}

/** What the template needs to draw one parameter's field (govukInput, govukDateInput, govukRadios or govukTextarea). */
export type FieldShown = {
  control: 'input' | 'date' | 'radios' | 'textarea';
  name: string;
  label: string;
  hint: string;
  value: string;
  day?: string;
  month?: string;
  year?: string;
  prefix?: string;
  inputmode?: string;
  width?: string;
  items?: { value: string; text: string; checked: boolean }[];
  errorMessage?: { text: string };
};

const CONTROLS: Record<ParameterField['type'], FieldShown['control']> = {
  money: 'input',
  hours: 'input',
  rate: 'input',
  integer: 'input',
  text: 'input',
  list: 'input',
  choice: 'radios',
  date: 'date',
  json: 'textarea',
};

/** The fields of a form, filled with `text`, with the errors against them. */
export function fieldsShown(
  fields: readonly ParameterField[],
  text: FormText,
  errors: FormErrors | undefined,
  shown: { t: Translate; language: Language; currency: string; choice: (value: string) => string },
): FieldShown[] {
  const { t, currency } = shown;
  return fields.map((field) => {
    const name = fieldName(field.name);
    const type = field.type === 'list' ? (field.item ?? 'text') : field.type;
    const hints = [
      t(`adminProgrammes.hint.${field.type === 'list' ? 'list' : field.type}`, {
        currency,
        min: field.min ?? '',
        max: field.max ?? '',
        item: t(`adminProgrammes.hint.item.${type}`, { currency }),
      }),
      field.required ? '' : t(field.nullable ? 'adminProgrammes.hint.nullable' : 'adminProgrammes.hint.optional'),
    ];
    const control: FieldShown = {
      control: CONTROLS[field.type],
      name,
      label: parameterLabel(t, shown.language, field.name),
      hint: hints.filter((hint) => hint !== '').join(' '),
      value: text[name] ?? '',
      ...(errors?.fields[name] ? { errorMessage: errors.fields[name] } : {}),
    };
    if (field.type === 'date')
      Object.assign(control, { day: text[`${name}-day`] ?? '', month: text[`${name}-month`] ?? '', year: text[`${name}-year`] ?? '' });
    if (field.type === 'money' || field.type === 'rate')
      Object.assign(control, { prefix: currency, inputmode: 'decimal', width: 'govuk-input--width-10' });
    if (field.type === 'hours') Object.assign(control, { inputmode: 'decimal', width: 'govuk-input--width-5' });
    if (field.type === 'integer') Object.assign(control, { inputmode: 'numeric', width: 'govuk-input--width-10' });
    if (field.type === 'list' && type !== 'text') Object.assign(control, { inputmode: 'decimal' });
    if (field.type === 'choice') {
      control.items = (field.options ?? []).map((option) => ({
        value: option,
        text: shown.choice(option),
        checked: text[name] === option,
      }));
    }
    return control;
  });
}

/** What a service call gave, or its refusal (a client error); anything else is thrown on. */
export async function refusalOf<T>(work: () => Promise<T>): Promise<{ value: T; refused?: never } | { refused: AppError; value?: never }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { refused: error };
    throw error;
  }
}

// What the reach and centre monitoring pages share: the GET form that picks a programme and a
// period (two dates as three fields each), read from the query and checked like a posted form, and
// the programmes to choose from in the page's language.
import type { AppContext } from '../../../app-context.js';
import { MAX_PERIOD_DAYS, type Period } from '../../../oversight/oversight.js';
import { describeProgrammes } from '../../../programmes/programmes.js';
import { daysBetween } from '../../../shared/calendar.js';
import type { Language } from '../../../shared/language.js';
import type { FormErrors } from '../../form-errors.js';
import type { Translate } from '../../i18n.js';
import { dateOf } from './admin-forms.js';

const DATE_PARTS = ['day', 'month', 'year'] as const;
const FIELDS = ['programme', ...DATE_PARTS.map((part) => `from-${part}`), ...DATE_PARTS.map((part) => `to-${part}`)];

export type ProgrammeChoice = { code: string; name: string; kind: string };

/** Every programme by code, named in `language`. */
export async function programmeChoices(app: AppContext, language: Language): Promise<ProgrammeChoice[]> {
  const choices: ProgrammeChoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await describeProgrammes(app, { limit: 500, cursor });
    for (const programme of page.items) choices.push({ code: programme.code, name: programme.names[language], kind: programme.kind });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return choices;
}

/** The form's values as the query gave them ('' when absent); with no date at all, this year up to today. */
export function periodValues(query: Record<string, unknown>, today: string): Record<string, string> {
  const values = Object.fromEntries(FIELDS.map((name) => [name, typeof query[name] === 'string' ? query[name].trim().slice(0, 20) : '']));
  if (FIELDS.slice(1).every((name) => values[name] === '')) {
    const [year, month, day] = today.split('-');
    Object.assign(values, {
      'from-day': '1',
      'from-month': '1',
      'from-year': year,
      'to-day': String(Number(day)),
      'to-month': String(Number(month)),
      'to-year': year,
    });
  }
  return values;
}

/**
 * The period and programme the form asks for, or its problems at the fields they name. `programmes`
 * are the codes allowed; with `programmeRequired` off, '' means every programme.
 */
export function periodQueryOf(
  values: Record<string, string>,
  t: Translate,
  options: { programmes: readonly string[]; programmeRequired: boolean },
): { ok: true; value: Period & { programme: string | undefined } } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { summary: [], fields: {} };
  const problem = (field: string, key: string) => {
    const text = t(key);
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  };
  const programme = values.programme ?? '';
  if (programme ? !options.programmes.includes(programme) : options.programmeRequired) problem('programme', 'adminReach.errors.programme');
  const from = dateOf(values, 'from');
  const to = dateOf(values, 'to');
  if (!from) problem('from-day', 'adminReach.errors.from');
  if (!to) problem('to-day', 'adminReach.errors.to');
  if (from && to && to < from) problem('to-day', 'adminReach.errors.order');
  else if (from && to && daysBetween(from, to) > MAX_PERIOD_DAYS) problem('to-day', 'adminReach.errors.tooLong');
  if (errors.summary.length || !from || !to) return { ok: false, errors };
  return { ok: true, value: { from, to, programme: programme || undefined } };
}

/** The query string of the form's values (for a next-page link that keeps them). */
export const periodQueryString = (values: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...Object.fromEntries(FIELDS.map((name) => [name, values[name] ?? ''])), ...extra }).toString();

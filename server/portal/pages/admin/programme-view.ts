// How a programme's parameters read on the administrator's pages: each value as people write it
// (money with its currency, hours, dates), and the dated versions, each with what it changed
// against the version before it (past, in force, future). By kind, never by programme code.
import type { AppContext } from '../../../app-context.js';
import { listParameterVersions, parameterFields, type ParameterField, type ProgrammeKind } from '../../../programmes/programmes.js';
import type { Formats } from '../../formats.js';
import { lookUp, type Translate } from '../../i18n.js';
import type { Language } from '../../../shared/language.js';
import { parameterLabel } from './parameter-form.js';

/** A rate written with 3 decimals. */
const RATE_PLACES = /\.\d{3}$/;

export type Shown = { t: Translate; format: Formats; language: Language };

const choiceText = ({ t, language }: Shown, value: string) =>
  lookUp(language, `adminProgrammes.choice.${value}`) === undefined ? value : t(`adminProgrammes.choice.${value}`);

/** One value as it reads on a page; `field` undefined for a value the kind no longer names. */
export function valueText(shown: Shown, field: ParameterField | undefined, value: unknown, currency: string): string {
  const { t, format } = shown;
  if (value === null || value === undefined) return t('adminProgrammes.notSet');
  const one = (type: ParameterField['type'] | undefined, item: unknown): string => {
    if (typeof item === 'string' && type === 'money') return format.money(item, currency);
    // A rate has up to 3 decimals (EUR 140.256); one with 2 or fewer reads as money (EUR 150.00).
    if (typeof item === 'string' && type === 'rate') {
      return RATE_PLACES.test(item) ? `${currency} ${format.hours(item)}` : format.money(item, currency);
    }
    if (typeof item === 'string' && type === 'hours') return t('adminProgrammes.hoursValue', { hours: format.hours(item) });
    if (typeof item === 'string' && type === 'date') return format.date(item);
    if (typeof item === 'string' && type === 'choice') return choiceText(shown, item);
    return typeof item === 'string' ? item : JSON.stringify(item);
  };
  if (field?.type === 'list' && Array.isArray(value)) {
    return value.length === 0 ? t('adminProgrammes.emptyList') : value.map((item) => one(field.item, item)).join(', ');
  }
  return one(field?.type, value);
}

export type Difference = { name: string; label: string; before: string; after: string };

/** What `after` sets otherwise than `before` (every value of a first version). */
export function differences(
  shown: Shown,
  kind: ProgrammeKind,
  currency: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): Difference[] {
  const fields = parameterFields(kind);
  const names = [...new Set([...fields.map((field) => field.name), ...Object.keys(before ?? {}), ...Object.keys(after)])];
  return names
    .filter((name) => JSON.stringify(before?.[name] ?? null) !== JSON.stringify(after[name] ?? null))
    .map((name) => {
      const field = fields.find((candidate) => candidate.name === name);
      return {
        name,
        label: parameterLabel(shown.t, shown.language, name),
        before: before ? valueText(shown, field, before[name], currency) : '',
        after: valueText(shown, field, after[name], currency),
      };
    });
}

const VERSIONS_PAGE = 500;

/** Every version of a programme, oldest first (a programme has a few a year). */
async function allVersions(app: AppContext, code: string) {
  const versions = [];
  let cursor: string | undefined;
  do {
    const page = await listParameterVersions(app, code, { limit: VERSIONS_PAGE, cursor });
    versions.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return versions;
}

export type VersionShown = {
  effectiveFrom: string;
  startsOn: string;
  state: 'past' | 'inForce' | 'future';
  /** The programme's first version: every value is new, there is no before. */
  first: boolean;
  note: string | null;
  changes: Difference[];
};

/** The versions newest first, each with its state on `today` and what it changed. */
export async function versionsShown(
  app: AppContext,
  programme: { code: string; kind: ProgrammeKind; currency: string },
  shown: Shown,
): Promise<VersionShown[]> {
  const versions = await allVersions(app, programme.code);
  const today = app.clock.today();
  const inForce = versions.filter((version) => version.effectiveFrom <= today).at(-1);
  return versions
    .map((version, index) => ({
      effectiveFrom: version.effectiveFrom,
      startsOn: shown.format.date(version.effectiveFrom),
      state: version === inForce ? ('inForce' as const) : version.effectiveFrom > today ? ('future' as const) : ('past' as const),
      first: index === 0,
      note: version.note,
      changes: differences(shown, programme.kind, programme.currency, versions[index - 1]?.values, version.values),
    }))
    .reverse();
}

/** A choice's option as it reads (the catalogue's words, else the value itself). */
export const choiceOf = (shown: Shown) => (value: string) => choiceText(shown, value);

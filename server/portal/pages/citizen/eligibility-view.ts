// A decision's reasons as a citizen reads them: the rule's own message in the page's language, and
// beside it the fact in plain words, what the rule expected and what was found, each value written
// the reader's way (dates, durations, yes/no, lists). Facts, operators and durations are named by
// the catalogue (eligibility.facts, eligibility.operators); one it does not name shows as it is,
// so a new fact in a rule set never breaks the page.
import type { DecisionView } from '../../../eligibility/eligibility.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

type Shown = { t: Translate; format: Formats };
type Reason = DecisionView['reasons'][number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;

/** The catalogue's text at `key`, or `fallback` when the catalogue does not name it. */
const named = (t: Translate, key: string, fallback: string, values?: Record<string, string>) => {
  const text = t(key, values);
  return text === key ? fallback : text;
};

function duration(match: RegExpMatchArray, { t }: Shown): string {
  const parts = (['years', 'months', 'days'] as const).flatMap((unit, index) => {
    const count = Number(match[index + 1] ?? 0);
    return count > 0 ? [t(`eligibility.durations.${unit}`, { count })] : [];
  });
  return parts.length > 0 ? parts.join(' ') : t('eligibility.durations.days', { count: 0 });
}

/** A fact's value or a rule's expected value in plain words; `null` is "not recorded". */
export function plainValue(value: unknown, shown: Shown): string {
  const { t, format } = shown;
  if (value === null || value === undefined) return t('eligibility.values.none');
  if (typeof value === 'boolean') return t(value ? 'eligibility.values.yes' : 'eligibility.values.no');
  if (Array.isArray(value))
    return value.length === 0 ? t('eligibility.values.empty') : value.map((item) => plainValue(item, shown)).join(', ');
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return format.date(value);
    const match = DURATION.exec(value);
    if (match && value !== 'P') return duration(match, shown);
    return named(t, `eligibility.codes.${value}`, value);
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The fact a reason is about, in plain words ("annualIncome.amount" is looked up as eligibility.facts.annualIncome_amount). */
export const factLabel = (fact: string, { t }: Shown) => named(t, `eligibility.facts.${fact.replace(/\./g, '_')}`, fact);

/** What the rule expected: the operator in words around the value ("at least 3,000"), or the value alone. */
export function expectedText(reason: Reason, shown: Shown): string {
  if (reason.operator === null && reason.expected === null) return shown.t('eligibility.values.seeMessage');
  const value = plainValue(reason.expected, shown);
  return reason.operator ? named(shown.t, `eligibility.operators.${reason.operator}`, value, { value }) : value;
}

export function reasonShown(reason: Reason, shown: Shown) {
  return {
    message: reason.message,
    fact: reason.fact ? factLabel(reason.fact, shown) : shown.t('eligibility.values.rule'),
    expected: expectedText(reason, shown),
    found: reason.code === 'fact_missing' ? shown.t('eligibility.values.none') : plainValue(reason.actual, shown),
  };
}

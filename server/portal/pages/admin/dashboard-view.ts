// The dashboard page's form and figures: the period picked with a GET form (two dates as three
// fields each and the chart's step), checked by the same rules as the API's query, and the
// dashboard as the template shows it (amounts, dates and shares in the page's language, the
// funnel's stages named by the programme's kind, never by its code).
import { Decimal } from 'decimal.js';
import { INTERVALS, periodOf, type Period, type ProgrammeDashboard } from '../../../dashboards/dashboards.js';
import type { Language } from '../../../shared/language.js';
import type { FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { dateOf } from './admin-forms.js';
import { barChart, lineChart } from './dashboard-chart.js';

const DATE_FIELDS = ['from', 'to'].flatMap((name) => ['day', 'month', 'year'].map((part) => `${name}-${part}`));

/** The form's values as the query gave them; with no date at all, the default period's. */
export function periodValues(query: Record<string, unknown>, today: string): Record<string, string> {
  const text = (name: string) => (typeof query[name] === 'string' ? query[name].trim().slice(0, 20) : '');
  const values = Object.fromEntries([...DATE_FIELDS, 'interval'].map((name) => [name, text(name)]));
  if (DATE_FIELDS.every((name) => values[name] === '')) {
    const { period } = periodOf({}, today);
    for (const name of ['from', 'to'] as const) {
      const [year = '', month = '', day = ''] = period[name].split('-');
      Object.assign(values, { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year });
    }
  }
  values.interval ||= 'month';
  return values;
}

/** The period the form asks for, or its problems at the fields they name. */
export function periodAsked(
  values: Record<string, string>,
  today: string,
  t: Translate,
): { ok: true; value: Period } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { summary: [], fields: {} };
  const problem = (field: string, key: string) => {
    const text = t(key);
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  };
  const from = dateOf(values, 'from');
  const to = dateOf(values, 'to');
  const interval = INTERVALS.find((candidate) => candidate === values.interval);
  if (!from) problem('from-day', 'adminDashboard.errors.from');
  if (!to) problem('to-day', 'adminDashboard.errors.to');
  if (!interval) problem('interval', 'adminDashboard.errors.interval');
  if (!from || !to || !interval) return { ok: false, errors };
  const asked = periodOf({ from, to, interval }, today);
  if (asked.problem) {
    problem('from-day', `adminDashboard.errors.${asked.problem.problem}`);
    return { ok: false, errors };
  }
  return { ok: true, value: asked.period };
}

const LINES = ['funded', 'committed', 'paid', 'left'] as const;

/** A share in percent ('12.5') as the language writes it ('12,5%'), or undefined without one. */
const percent = (share: string | null, language: Language) =>
  share === null ? undefined : `${language === 'nl' ? share.replace('.', ',') : share}%`;

export function dashboardView(
  dashboard: ProgrammeDashboard,
  { t, format, language }: { t: Translate; format: Formats; language: Language },
) {
  const { currency, kind } = dashboard.programme;
  const money = (amount: Decimal.Value) => format.money(amount, currency);
  const claims = dashboard.claimsPerDay;
  return {
    kind: t(`adminDashboard.kinds.${kind}`),
    currency,
    period: { from: format.date(dashboard.period.from), to: format.date(dashboard.period.to) },
    asOf: format.date(dashboard.asOf),
    budget: {
      ...Object.fromEntries(LINES.map((line) => [line, money(dashboard.budget[line].amount)])),
      leftShare: percent(dashboard.budget.leftShare, language),
    },
    budgetRows: dashboard.budgetSteps.map((step) => ({
      label: format.date(step.to),
      ...Object.fromEntries(LINES.map((line) => [line, money(step[line].amount)])),
    })),
    budgetChart: lineChart(
      LINES.map((line) => ({ key: line, values: dashboard.budgetSteps.map((step) => step[line].amount) })),
      dashboard.budgetSteps.map((step) => step.to),
      { amount: money, step: format.date },
    ),
    claimsTotal: claims.reduce((sum, day) => sum + day.claims, 0),
    claimRows: claims.filter((day) => day.claims > 0).map((day) => ({ day: format.date(day.day), claims: day.claims })),
    claimsChart: barChart(claims, { day: format.date }),
    places: {
      target: dashboard.places.target,
      left: dashboard.places.left,
      closingDate: dashboard.places.closingDate ? format.date(dashboard.places.closingDate) : undefined,
    },
    windows: dashboard.windows.map((window) => ({
      id: window.id,
      dates: t('adminDashboard.places.windowDates', { from: format.date(window.opensOn), to: format.date(window.closesOn) }),
      allocation: t(`adminDashboard.places.allocation.${window.allocation === 'lottery' ? 'lottery' : 'first_come'}`),
      budget: money(window.budget.amount),
      allocated: money(window.allocated.amount),
      left: money(window.left.amount),
    })),
    alerts: dashboard.alerts.map((alert) => ({
      reached: alert.reached,
      text: t(alert.reached ? 'adminDashboard.alerts.reached' : 'adminDashboard.alerts.notReached', {
        left: alert.leftBelowShare,
        committed: alert.committedShare,
      }),
      announced: alert.announcedAt ? format.date(new Date(alert.announcedAt)) : undefined,
    })),
    funnel: [
      {
        stage: t(`adminDashboard.funnel.${kind}.claimed`),
        count: dashboard.funnel.claimed,
        share: percent(dashboard.funnel.claimed > 0 ? '100' : null, language),
      },
      {
        stage: t(`adminDashboard.funnel.${kind}.used`),
        count: dashboard.funnel.used,
        share: percent(dashboard.funnel.usedShare, language),
      },
      {
        stage: t(`adminDashboard.funnel.${kind}.closed`),
        count: dashboard.funnel.closed,
        share: percent(dashboard.funnel.closedShare, language),
      },
    ],
  };
}

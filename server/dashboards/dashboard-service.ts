// A programme's dashboard (issue 18, item 1): its budget over a period (funded, committed, paid,
// left at the end of each month or week), its claims per day, the places and window budgets left,
// the budget alerts, and how many claims went on to their first use and their close. The same
// figures serve the API (GET /v1/programmes/:code/dashboard) and the administrators' portal.
// Amounts are Decimals from the database's text and leave as decimal strings.
import { Decimal } from 'decimal.js';
import type { AppContext } from '../app-context.js';
import { windowsOf } from '../applications/applications.js';
import { notFound } from '../errors.js';
import { findProgramme, limitsOf, parametersOn, placesLeft, type ProgrammeKind } from '../programmes/programmes.js';
import { daysOf, stepsOf, type Period } from './dashboard-period.js';
import {
  alertsAnnounced,
  alertThresholds,
  budgetAt,
  claimsPerDay,
  funnelOf,
  windowsAllocated,
  type BudgetPoint,
} from './dashboard-store.js';

type Money = { amount: string; currency: string };
export type BudgetFigures = { funded: Money; committed: Money; paid: Money; left: Money };

export type ProgrammeDashboard = {
  programme: { code: string; kind: ProgrammeKind; names: { en: string; nl: string }; currency: string };
  period: Period;
  /** Today (the service's date). */
  asOf: string;
  budget: BudgetFigures & { leftShare: string | null };
  budgetSteps: (BudgetFigures & { from: string; to: string })[];
  claimsPerDay: { day: string; claims: number }[];
  places: { target: number | null; left: number | null; closingDate: string | null };
  windows: { id: string; opensOn: string; closesOn: string; allocation: string; budget: Money; allocated: Money; left: Money }[];
  alerts: { committedShare: number; leftBelowShare: number; reached: boolean; announcedAt: string | null }[];
  funnel: { kind: ProgrammeKind; claimed: number; used: number; closed: number; usedShare: string | null; closedShare: string | null };
};

const HUNDRED = new Decimal(100);
/** `part` of `whole` in percent with one decimal, or null when there is no whole. */
const shareOf = (part: Decimal.Value, whole: Decimal.Value) =>
  new Decimal(whole).isZero() ? null : new Decimal(part).times(HUNDRED).dividedBy(whole).toFixed(1, Decimal.ROUND_DOWN);

const announcedAt = (row: { announcedAt: Date | string } | undefined) => (row ? new Date(row.announcedAt).toISOString() : null);

function figuresOf(point: BudgetPoint, currency: string): BudgetFigures {
  const money = (amount: Decimal) => ({ amount: amount.toFixed(2), currency });
  const funded = new Decimal(point.funded);
  const left = new Decimal(point.left);
  return { funded: money(funded), committed: money(funded.minus(left)), paid: money(new Decimal(point.paid)), left: money(left) };
}

/** The dashboard of programme `code` over `period`; 404 for an unknown programme. */
export async function programmeDashboard(app: AppContext, code: string, period: Period): Promise<ProgrammeDashboard> {
  const { sequelize } = app;
  const programme = await findProgramme(sequelize, code);
  if (!programme) throw notFound(`Programme ${code}`);
  const today = app.clock.today();
  const { kind, currency } = programme;
  const steps = stepsOf(period);
  const [series, [now], days, funnel, values, left, allocated, thresholds] = await Promise.all([
    budgetAt(
      sequelize,
      code,
      currency,
      steps.map((step) => step.to),
    ),
    budgetAt(sequelize, code, currency, [today]),
    claimsPerDay(sequelize, kind, code, period.from, period.to),
    funnelOf(sequelize, kind, code, period.from, period.to),
    parametersOn(sequelize, code, today),
    placesLeft(sequelize, code, today),
    windowsAllocated(sequelize, code),
    alertThresholds(sequelize),
  ]);
  // One row per day asked for, always.
  const budget = figuresOf(now!, currency);
  const announced = await alertsAnnounced(sequelize, code, budget.funded.amount);
  const limits = limitsOf(values ?? {}, today);
  const claimsOn = new Map(days.map((row) => [row.day, row.claims]));
  const funded = new Decimal(budget.funded.amount);
  const committed = new Decimal(budget.committed.amount);
  return {
    programme: { code, kind, names: { en: programme.name, nl: programme.nameNl }, currency },
    period,
    asOf: today,
    budget: { ...budget, leftShare: shareOf(budget.left.amount, funded) },
    budgetSteps: steps.map((step, i) => ({ ...step, ...figuresOf(series[i]!, currency) })),
    claimsPerDay: daysOf(period).map((day) => ({ day, claims: claimsOn.get(day) ?? 0 })),
    places: { target: limits.placesTarget, left, closingDate: limits.closingDate },
    windows: windowsOf(values).map((window) => {
      const spent = new Decimal(allocated.find((row) => row.windowId === window.id)?.allocated ?? '0');
      const money = (amount: Decimal) => ({ amount: amount.toFixed(2), currency });
      const total = new Decimal(window.budget);
      const { id, opensOn, closesOn, allocation } = window;
      return { id, opensOn, closesOn, allocation, budget: money(total), allocated: money(spent), left: money(total.minus(spent)) };
    }),
    alerts: thresholds.map((threshold) => ({
      committedShare: threshold,
      leftBelowShare: 100 - threshold,
      reached: funded.gt(0) && committed.times(HUNDRED).gte(funded.times(threshold)),
      announcedAt: announcedAt(announced.find((row) => row.threshold === threshold)),
    })),
    funnel: { kind, ...funnel, usedShare: shareOf(funnel.used, funnel.claimed), closedShare: shareOf(funnel.closed, funnel.claimed) },
  };
}

// Whether a programme may still fund one more right, exactly, under any burst. The money side is
// the ledger's (the budget account may not go negative); this guards the two other limits of a
// scheme: its closing date and its target of places per programme year (parameters
// `closingDate` and `placesTarget`). A place is taken with one conditional upsert on the
// programme's counter row, in the caller's transaction: the row lock serialises concurrent
// claims, and a claim that fails later rolls its place back with everything else.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { conflict } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { programmeBudget } from './budget-read.js';
import { parametersInForce } from './programme-store.js';

const ALERT_THRESHOLDS = [80, 95] as const;

type Limits = { placesTarget: number | null; closingDate: string | null; period: string };

/** The programme year containing `onDate` starts in month `accountYearStartMonth` (default January). */
export function programmeYearStart(onDate: string, startMonth: number): string {
  const [year, month] = [Number(onDate.slice(0, 4)), Number(onDate.slice(5, 7))];
  const startYear = month >= startMonth ? year : year - 1;
  return `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
}

/** The limits a version's values set on `onDate` (values of the version in force that day). */
function limitsOf(values: Record<string, unknown>, onDate: string): Limits {
  const target = values.placesTarget;
  const closing = values.closingDate;
  const startMonth = typeof values.accountYearStartMonth === 'number' ? values.accountYearStartMonth : 1;
  return {
    placesTarget: typeof target === 'number' ? target : null,
    closingDate: typeof closing === 'string' ? closing : null,
    period: programmeYearStart(onDate, startMonth),
  };
}

async function limitsOn(sequelize: Sequelize, code: string, onDate: string, transaction?: Transaction): Promise<Limits> {
  return limitsOf((await parametersInForce(sequelize, code, onDate, transaction))?.values ?? {}, onDate);
}

const exhausted = (code: string, detail: string, reason: string) =>
  conflict('budget_exhausted', `Programme ${code} cannot fund this: ${detail}.`, { reason });

/**
 * Refuses with 409 budget_exhausted once the closing date has passed or the places target of the
 * programme year is reached; otherwise takes one place in `transaction` (so call it only when
 * granting, and let a failed grant roll it back). Returns the period the place counts in.
 */
export async function assertProgrammeOpen(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction: Transaction,
  /** The values of the parameter version in force on `onDate`, when the caller has read them already. */
  values?: Record<string, unknown>,
): Promise<{ period: string }> {
  const limits = values ? limitsOf(values, onDate) : await limitsOn(sequelize, code, onDate, transaction);
  if (limits.closingDate !== null && onDate > limits.closingDate) {
    throw exhausted(code, `the programme closed on ${limits.closingDate}`, 'closing_date_passed');
  }
  if (!(await takePlace(sequelize, code, limits, transaction))) {
    throw exhausted(code, `the target of ${limits.placesTarget} places for the year from ${limits.period} is reached`, 'places_target_reached');
  }
  return { period: limits.period };
}

/** One conditional upsert: true when a place was taken, false when the target is reached. */
export async function takePlace(sequelize: Sequelize, code: string, limits: Pick<Limits, 'placesTarget' | 'period'>, transaction?: Transaction): Promise<boolean> {
  if (limits.placesTarget !== null && limits.placesTarget < 1) return false;
  const rows = await queryRows<{ taken: number }>(
    sequelize,
    `INSERT INTO programme_places (programme_code, period, taken) VALUES ($1, $2, 1)
     ON CONFLICT (programme_code, period) DO UPDATE SET taken = programme_places.taken + 1
       WHERE $3::integer IS NULL OR programme_places.taken < $3::integer
     RETURNING taken`,
    [code, limits.period, limits.placesTarget],
    { transaction },
  );
  return rows.length === 1;
}

/** Gives back the place of a right that lapsed or was cancelled; `takenOn` is the date it was taken. */
export async function returnPlace(sequelize: Sequelize, code: string, takenOn: string, transaction?: Transaction): Promise<void> {
  const { period } = await limitsOn(sequelize, code, takenOn, transaction);
  await queryRows(
    sequelize,
    `UPDATE programme_places SET taken = taken - 1 WHERE programme_code = $1 AND period = $2 AND taken > 0`,
    [code, period],
    { transaction },
  );
}

/** Places still open on `onDate`: null when the programme has no target, 0 once it closed. */
export async function placesLeft(sequelize: Sequelize, code: string, onDate: string, transaction?: Transaction): Promise<number | null> {
  const limits = await limitsOn(sequelize, code, onDate, transaction);
  if (limits.closingDate !== null && onDate > limits.closingDate) return 0;
  if (limits.placesTarget === null) return null;
  const [row] = await queryRows<{ taken: number }>(
    sequelize,
    `SELECT taken FROM programme_places WHERE programme_code = $1 AND period = $2`,
    [code, limits.period],
    { transaction },
  );
  return Math.max(0, limits.placesTarget - (row?.taken ?? 0));
}

/**
 * Call after charging the budget, in the same transaction: when committed / total reaches 80% or
 * 95%, notifies the administrators once per threshold and funding total (the unique alert row
 * decides who sends it, also under concurrency; new funds re-arm the alerts).
 */
export async function afterBudgetCharge(sequelize: Sequelize, code: string, transaction: Transaction): Promise<number[]> {
  const budget = await programmeBudget(sequelize, code, transaction);
  if (budget.total.lte(0)) return [];
  const sent: number[] = [];
  for (const threshold of ALERT_THRESHOLDS) {
    if (budget.committed.times(100).lt(budget.total.times(threshold))) continue;
    const inserted = await queryRows(
      sequelize,
      `INSERT INTO budget_alerts (programme_code, threshold, funding_total, committed) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING threshold`,
      [code, threshold, budget.total.toFixed(2), budget.committed.toFixed(2)],
      { transaction },
    );
    if (inserted.length === 0) continue;
    const percent = budget.committed.div(budget.total).times(100).toDecimalPlaces(1, Decimal.ROUND_DOWN).toFixed(1);
    await notify(sequelize, transaction, {
      role: 'admin',
      kind: 'budget_threshold',
      subject: `Programme ${code}: ${threshold}% of the budget committed`,
      body: `${budget.committed.toFixed(2)} of ${budget.total.toFixed(2)} ${budget.currency} is committed (${percent}%); ${budget.remaining.toFixed(2)} ${budget.currency} remains.`,
      data: { programme: code, threshold, total: budget.total.toFixed(2), committed: budget.committed.toFixed(2), remaining: budget.remaining.toFixed(2) },
    });
    sent.push(threshold);
  }
  return sent;
}

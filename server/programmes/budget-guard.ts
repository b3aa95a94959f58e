// Whether a programme may still fund one more right, exactly, under any burst. The money side is
// the ledger's (the budget account may not go negative); this guards the two other limits of a
// scheme: its closing date and its target of places per programme year (parameters
// `closingDate` and `placesTarget`). A place is taken on the programme's counter row, in the
// caller's transaction (programme_take_place, migration 11; an ITA claim takes it in one of
// several lanes): the row lock serialises concurrent claims, and a claim that fails later rolls
// its place back with everything else.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { conflict } from '../errors.js';
import { parametersInForce } from './programme-store.js';
import { programmeYearOf } from './programmes.js';

export type Limits = { placesTarget: number | null; closingDate: string | null; period: string };

/** The limits a version's values set on `onDate` (values of the version in force that day). */
export function limitsOf(values: Record<string, unknown>, onDate: string): Limits {
  const target = values.placesTarget;
  const closing = values.closingDate;
  const startMonth = typeof values.accountYearStartMonth === 'number' ? values.accountYearStartMonth : 1;
  return {
    placesTarget: typeof target === 'number' ? target : null,
    closingDate: typeof closing === 'string' ? closing : null,
    period: programmeYearOf(onDate, startMonth).start,
  };
}

async function limitsOn(sequelize: Sequelize, code: string, onDate: string, transaction?: Transaction): Promise<Limits> {
  return limitsOf((await parametersInForce(sequelize, code, onDate, transaction))?.values ?? {}, onDate);
}

const exhausted = (code: string, detail: string, reason: string) =>
  conflict('budget_exhausted', `Programme ${code} cannot fund this: ${detail}.`, { reason });

/** The refusals of a programme past its closing date, or out of places for the year. */
export const programmeClosed = (code: string, closingDate: string) =>
  exhausted(code, `the programme closed on ${closingDate}`, 'closing_date_passed');
export const placesTaken = (code: string, limits: Pick<Limits, 'placesTarget' | 'period'>) =>
  exhausted(code, `the target of ${limits.placesTarget} places for the year from ${limits.period} is reached`, 'places_target_reached');

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
  if (limits.closingDate !== null && onDate > limits.closingDate) throw programmeClosed(code, limits.closingDate);
  if (!(await takePlace(sequelize, code, limits, transaction))) throw placesTaken(code, limits);
  return { period: limits.period };
}

/** True when a place was taken, false when the target is reached (one counter: programme_take_place, migration 11). */
export async function takePlace(
  sequelize: Sequelize,
  code: string,
  limits: Pick<Limits, 'placesTarget' | 'period'>,
  transaction?: Transaction,
): Promise<boolean> {
  const [row] = await queryRows<{ taken: boolean }>(
    sequelize,
    `SELECT programme_take_place($1, $2, $3) AS taken`,
    [code, limits.period, limits.placesTarget],
    { transaction },
  );
  return row?.taken === true;
}

/**
 * Gives back the place of a right that lapsed or was cancelled; `takenOn` is the date it was
 * taken. The place goes back to the fullest lane of the period.
 */
export async function returnPlace(sequelize: Sequelize, code: string, takenOn: string, transaction?: Transaction): Promise<void> {
  const { period } = await limitsOn(sequelize, code, takenOn, transaction);
  await queryRows(
    sequelize,
    `UPDATE programme_places SET taken = taken - 1
     WHERE (programme_code, period, lane) = (
       SELECT programme_code, period, lane FROM programme_places WHERE programme_code = $1 AND period = $2 AND taken > 0
       ORDER BY taken DESC, lane LIMIT 1 FOR UPDATE)`,
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
    `SELECT coalesce(sum(taken), 0)::integer AS taken FROM programme_places WHERE programme_code = $1 AND period = $2`,
    [code, limits.period],
    { transaction },
  );
  return Math.max(0, limits.placesTarget - (row?.taken ?? 0));
}

/**
 * Call after charging the budget, in the same transaction: when committed / total reaches 80% or
 * 95%, the administrators are told once per threshold and funding total (programme_budget_alerts,
 * migration 11). Returns the thresholds this call announced.
 */
export async function afterBudgetCharge(sequelize: Sequelize, code: string, transaction: Transaction): Promise<number[]> {
  const rows = await queryRows<{ threshold: number }>(sequelize, `SELECT programme_budget_alerts($1) AS threshold`, [code], {
    transaction,
  });
  return rows.map((row) => row.threshold);
}

// Whether a programme may still fund one more right, exactly, under any burst. The money side is
// the ledger's (the budget account may not go negative); this guards the two other limits of a
// scheme: its closing date and its target of places per programme year (parameters
// `closingDate` and `placesTarget`). A place is taken on the programme's counter, in the caller's
// transaction, under the target and closing date in force when it is taken
// (programme_take_place_in_force: a parameter change waits for the claims in flight, and claims
// that come during a change wait for it); an LBC claim takes it in one lane, an ITA claim in one of
// several. A claim that fails later rolls its place back with everything else.
import type { Sequelize, Transaction } from 'sequelize';
import { conflict } from '../errors.js';
import { budgetAlerts, giveBackPlace, placesTakenIn, takePlaceInForce } from './budget-store.js';
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
 * granting, and let a failed grant roll it back). Returns the period the place counts in. The
 * target and closing date are those in force when the place is taken, not those of `values`.
 */
export async function assertProgrammeOpen(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction: Transaction,
  /** The values of the parameter version in force on `onDate`, when the caller has read them already (they give the period). */
  values?: Record<string, unknown>,
): Promise<{ period: string }> {
  const { period } = values ? limitsOf(values, onDate) : await limitsOn(sequelize, code, onDate, transaction);
  const place = await takePlaceInForce(sequelize, { code, onDate, period }, transaction);
  if (place.closingDate !== null && onDate > place.closingDate) throw programmeClosed(code, place.closingDate);
  if (!place.taken) throw placesTaken(code, { placesTarget: place.target, period });
  return { period };
}

/**
 * Gives back the place of a right that lapsed or was cancelled; `takenOn` is the date it was
 * taken. The place goes back to the fullest lane of the period.
 */
export async function returnPlace(sequelize: Sequelize, code: string, takenOn: string, transaction?: Transaction): Promise<void> {
  const { period } = await limitsOn(sequelize, code, takenOn, transaction);
  await giveBackPlace(sequelize, code, period, transaction);
}

/** Places still open on `onDate`: null when the programme has no target, 0 once it closed. */
export async function placesLeft(sequelize: Sequelize, code: string, onDate: string, transaction?: Transaction): Promise<number | null> {
  const limits = await limitsOn(sequelize, code, onDate, transaction);
  if (limits.closingDate !== null && onDate > limits.closingDate) return 0;
  if (limits.placesTarget === null) return null;
  return Math.max(0, limits.placesTarget - (await placesTakenIn(sequelize, code, limits.period, transaction)));
}

/**
 * Call after charging the budget, in the same transaction: when committed / total reaches 80% or
 * 95%, the administrators are told once per threshold and funding total (programme_budget_alerts).
 * Returns the thresholds this call announced.
 */
export const afterBudgetCharge = (sequelize: Sequelize, code: string, transaction: Transaction): Promise<number[]> =>
  budgetAlerts(sequelize, code, transaction);

// Data access for a programme's budget and places: its state (programme_budget_state), the places
// counter (programme_places, one row per lane) and the budget alerts. The rules are database
// functions in server/db/functions/; this file only calls them.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

/** Total funded and remaining of a programme, as decimal text; undefined for an unknown programme. */
export async function budgetState(
  sequelize: Sequelize,
  code: string,
  transaction?: Transaction,
): Promise<{ currency: string; total: string; remaining: string } | undefined> {
  const [row] = await queryRows<{ currency: string; total: string; remaining: string }>(
    sequelize,
    `SELECT currency, total, remaining FROM programme_budget_state($1)`,
    [code],
    { transaction },
  );
  return row;
}

export type PlaceTaken = { taken: boolean; target: number | null; closingDate: string | null };

/**
 * Takes one place of `period` under the target and closing date in force on `onDate`, read in the
 * same statement under the lock a parameter change takes exclusively (programme_take_place_in_force);
 * in one lane, the whole counter. No place is taken once the closing date has passed.
 */
export async function takePlaceInForce(
  sequelize: Sequelize,
  place: { code: string; onDate: string; period: string },
  transaction: Transaction,
): Promise<PlaceTaken> {
  const [row] = await queryRows<{ lane: number | null; target: number | null; closing_date: string | null }>(
    sequelize,
    `SELECT lane, target, closing_date FROM programme_take_place_in_force($1, $2, $3, 1, 0)`,
    [place.code, place.onDate, place.period],
    { transaction },
  );
  return { taken: row?.lane != null, target: row?.target ?? null, closingDate: row?.closing_date ?? null };
}

/** Gives one place of `period` back, to the fullest lane. */
export async function giveBackPlace(sequelize: Sequelize, code: string, period: string, transaction?: Transaction): Promise<void> {
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

/** Places taken in `period`, over all lanes. */
export async function placesTakenIn(sequelize: Sequelize, code: string, period: string, transaction?: Transaction): Promise<number> {
  const [row] = await queryRows<{ taken: number }>(
    sequelize,
    `SELECT coalesce(sum(taken), 0)::integer AS taken FROM programme_places WHERE programme_code = $1 AND period = $2`,
    [code, period],
    { transaction },
  );
  return row?.taken ?? 0;
}

/** The alert thresholds (80, 95) the budget reached for the first time at its funding total (programme_budget_alerts). */
export async function budgetAlerts(sequelize: Sequelize, code: string, transaction: Transaction): Promise<number[]> {
  const rows = await queryRows<{ threshold: number }>(sequelize, `SELECT programme_budget_alerts($1) AS threshold`, [code], {
    transaction,
  });
  return rows.map((row) => row.threshold);
}

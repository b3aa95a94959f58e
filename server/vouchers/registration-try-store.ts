// Counting cheque registration tries (migration 14). A try is taken before the client number is
// compared, in one statement per counter, so concurrent guesses get no more comparisons than the
// limits allow: per cheque code (whether or not a cheque has it, so a lock says nothing about which
// codes exist) and per centre per clock hour. A try that matched is given back.
import type { Sequelize, Transaction } from 'sequelize';
import { inTransaction, queryRows } from '../db/database.js';

export type TryLimits = { perCheque: number; perCentrePerHour: number; lockSeconds: number };
export type TakenTry = { taken: true; hour: string } | { taken: false; retryAfterSeconds: number; limit: 'cheque' | 'centre' };

// Read from the locked row itself (not a snapshot), so concurrent tries count one after another.
// A burst ends when its lock has run out, or (never locked) a lock's length after it began.
const burstOver = (now: string, lockSeconds: string) =>
  `(t.locked_until <= ${now}::timestamptz OR (t.locked_until IS NULL AND t.burst_started_at <= ${now}::timestamptz - make_interval(secs => ${lockSeconds})))`;
const BURST_OVER = burstOver('$2', '$4');
const NEXT_TRIES = `(CASE WHEN ${BURST_OVER} THEN 1 ELSE t.tries + 1 END)`;

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export async function takeRegistrationTry(
  sequelize: Sequelize,
  input: { code: string; centreId: string; now: Date; limits: TryLimits },
): Promise<TakenTry> {
  const { code, centreId, now, limits } = input;
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return inTransaction(sequelize, undefined, async (transaction) => {
    const centre = await queryRows<{ tries: number }>(
      sequelize,
      `INSERT INTO centre_registration_tries AS t (centre_id, hour, tries) VALUES ($1, $2, 1)
       ON CONFLICT (centre_id, hour) DO UPDATE SET tries = t.tries + 1 WHERE t.tries < $3
       RETURNING tries`,
      [centreId, hour.toISOString(), limits.perCentrePerHour],
      { transaction },
    );
    if (centre.length === 0)
      return { taken: false, limit: 'centre', retryAfterSeconds: secondsUntil(new Date(hour.getTime() + 3_600_000), now) };
    const cheque = await queryRows<{ tries: number }>(
      sequelize,
      `INSERT INTO cheque_registration_tries AS t (code, tries, burst_started_at, locked_until)
       VALUES ($1, 1, $2::timestamptz, CASE WHEN $3::integer <= 1 THEN $2::timestamptz + make_interval(secs => $4) END)
       ON CONFLICT (code) DO UPDATE SET
         tries = ${NEXT_TRIES},
         burst_started_at = CASE WHEN ${BURST_OVER} THEN $2::timestamptz ELSE t.burst_started_at END,
         locked_until = CASE WHEN ${NEXT_TRIES} >= $3::integer THEN $2::timestamptz + make_interval(secs => $4) END
       WHERE t.locked_until IS NULL OR t.locked_until <= $2::timestamptz
       RETURNING tries`,
      [code, now.toISOString(), limits.perCheque, limits.lockSeconds],
      { transaction },
    );
    if (cheque.length > 0) return { taken: true, hour: hour.toISOString() };
    // Refused by the cheque's lock: the centre's try was not used after all.
    await giveBackCentreTry(sequelize, { centreId, hour: hour.toISOString() }, transaction);
    const [lock] = await queryRows<{ locked_until: Date }>(
      sequelize,
      `SELECT locked_until FROM cheque_registration_tries WHERE code = $1`,
      [code],
      { transaction },
    );
    return { taken: false, limit: 'cheque', retryAfterSeconds: lock ? secondsUntil(lock.locked_until, now) : 1 };
  });
}

async function giveBackCentreTry(sequelize: Sequelize, centreTry: { centreId: string; hour: string }, transaction: Transaction) {
  await queryRows(
    sequelize,
    `UPDATE centre_registration_tries SET tries = tries - 1 WHERE centre_id = $1 AND hour = $2 AND tries > 0`,
    [centreTry.centreId, centreTry.hour],
    { transaction },
  );
}

/** The number matched: the try counts against neither the cheque nor the centre. */
export async function giveBackTry(sequelize: Sequelize, taken: { code: string; centreId: string; hour: string }, transaction: Transaction) {
  await queryRows(sequelize, `DELETE FROM cheque_registration_tries WHERE code = $1`, [taken.code], { transaction });
  await giveBackCentreTry(sequelize, taken, transaction);
}

/** True once per burst of wrong tries on this code: the citizen is told then, not at every try. */
export async function claimBurstNotice(sequelize: Sequelize, code: string, now: Date, transaction: Transaction): Promise<boolean> {
  const rows = await queryRows(
    sequelize,
    `UPDATE cheque_registration_tries SET notified_at = $2 WHERE code = $1 AND (notified_at IS NULL OR notified_at < burst_started_at) RETURNING code`,
    [code, now.toISOString()],
    { transaction },
  );
  return rows.length > 0;
}

/**
 * Drops counts that no longer decide anything: a code's finished burst (its next try starts a new
 * one, as with no row) and centre hours that have passed. Keeps the tables as small as the tries
 * of the last day.
 */
export async function forgetFinishedTries(sequelize: Sequelize, now: Date, lockSeconds: number): Promise<number> {
  const [codes] = await queryRows<{ n: string }>(
    sequelize,
    `WITH gone AS (
       DELETE FROM cheque_registration_tries t WHERE ${burstOver('$1', '$2')} RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [now.toISOString(), lockSeconds],
  );
  const [hours] = await queryRows<{ n: string }>(
    sequelize,
    `WITH gone AS (DELETE FROM centre_registration_tries WHERE hour < date_trunc('hour', $1::timestamptz) RETURNING 1) SELECT count(*) AS n FROM gone`,
    [now.toISOString()],
  );
  return Number(codes?.n ?? 0) + Number(hours?.n ?? 0);
}

// Slows password guessing: after LOGIN_MAX_FAILURES failures for one email within the lock
// window, that email is refused (429) until the window passes. Kept in the database so every
// instance of the service sees the same count.
import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import { queryRows } from '../db/database.js';
import { AppError } from '../errors.js';

export async function refuseIfLocked(sequelize: Sequelize, email: string, now: Date) {
  const [row] = await queryRows<{ locked_until: Date | null }>(sequelize, `SELECT locked_until FROM login_throttle WHERE email = $1`, [email]);
  if (row?.locked_until && row.locked_until > now) {
    const retryAfterSeconds = Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000);
    throw new AppError(429, 'too_many_attempts', 'Too many failed logins for this account; try again later.', { retryAfterSeconds });
  }
}

export async function recordFailure(sequelize: Sequelize, config: Config, email: string, now: Date) {
  const { maxFailures, lockSeconds } = config.login;
  // One statement, so concurrent failures cannot both read the old count.
  await queryRows(
    sequelize,
    `WITH p AS (SELECT $2::timestamptz AS now, make_interval(secs => $3::int) AS window, $4::int AS max_failures)
     INSERT INTO login_throttle AS t (email, failures, first_failure_at, locked_until)
     SELECT $1, 1, p.now, CASE WHEN p.max_failures <= 1 THEN p.now + p.window END FROM p
     ON CONFLICT (email) DO UPDATE SET
       failures = CASE WHEN t.first_failure_at < $2::timestamptz - make_interval(secs => $3::int) THEN 1 ELSE t.failures + 1 END,
       first_failure_at = CASE WHEN t.first_failure_at < $2::timestamptz - make_interval(secs => $3::int) THEN $2::timestamptz ELSE t.first_failure_at END,
       locked_until = CASE WHEN t.first_failure_at >= $2::timestamptz - make_interval(secs => $3::int) AND t.failures + 1 >= $4::int
                           THEN $2::timestamptz + make_interval(secs => $3::int) ELSE t.locked_until END`,
    [email, now, lockSeconds, maxFailures],
  );
}

export async function clearFailures(sequelize: Sequelize, email: string) {
  await queryRows(sequelize, `DELETE FROM login_throttle WHERE email = $1`, [email]);
}

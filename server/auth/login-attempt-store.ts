// Login tries per throttled key (`account:<e-mail>`, `address:<ip>`), kept in the database so
// every instance of the service sees the same counts. See login-throttle.ts for the policy.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';

/** How a key is throttled: `free` tries, then each waits twice as long as the last, up to `capSeconds`. */
export type Limit = { key: string; free: number; capSeconds: number };

export type TryOutcome = { taken: true } | { taken: false; refusedKey: string; retryAfterSeconds: number };

/**
 * Takes one try for the address and, only if that was granted, one for the account: one
 * statement, in which the row lock of each key makes concurrent tries take distinct counts.
 * A key that must still wait is left as it is; its wait is read from the row as it was.
 * A key whose last try is older than `forgetSeconds` starts again from nothing.
 */
export async function takeTry(sequelize: Sequelize, address: Limit, account: Limit, now: Date, forgetSeconds: number): Promise<TryOutcome> {
  const [row] = await queryRows<{
    address_taken: boolean;
    account_taken: boolean;
    address_wait: number | null;
    account_wait: number | null;
  }>(
    sequelize,
    `WITH address AS (${upsert('$1', '$2', '$3', '')}),
          account AS (${upsert('$4', '$5', '$6', 'FROM address')})
     SELECT EXISTS (SELECT FROM address) AS address_taken, EXISTS (SELECT FROM account) AS account_taken,
            (SELECT ceil(extract(epoch FROM next_try_at - $7::timestamptz))::int FROM login_attempts WHERE key = $1) AS address_wait,
            (SELECT ceil(extract(epoch FROM next_try_at - $7::timestamptz))::int FROM login_attempts WHERE key = $4) AS account_wait`,
    [address.key, address.free, address.capSeconds, account.key, account.free, account.capSeconds, now, forgetSeconds],
  );
  if (!row) throw new Error('the try statement returned no row');
  if (row.address_taken && row.account_taken) return { taken: true };
  const refused = row.address_taken ? { key: account.key, wait: row.account_wait } : { key: address.key, wait: row.address_wait };
  return { taken: false, refusedKey: refused.key, retryAfterSeconds: Math.max(1, refused.wait ?? 1) };
}

/**
 * One key's upsert: `$k` the key, `$f` free tries, `$c` the longest wait; $7 is now and $8 the
 * forget period. RETURNING gives a row only when the try was taken.
 */
function upsert(k: string, f: string, c: string, from: string) {
  const now = '$7::timestamptz';
  const forgotten = `a.last_try_at <= ${now} - make_interval(secs => $8::int)`;
  const tries = `CASE WHEN ${forgotten} THEN 1 ELSE a.tries + 1 END`;
  // The exponent is bounded so that power() cannot overflow before least() caps the wait.
  const waitAfter = (n: string) =>
    `CASE WHEN ${n} >= ${f}::int THEN ${now} + make_interval(secs => least(power(2, least(${n} - ${f}::int, 30)), ${c}::int)) END`;
  return `INSERT INTO login_attempts AS a (key, tries, last_try_at, next_try_at)
          SELECT ${k}::text, 1, ${now}, ${waitAfter('1')} ${from}
          ON CONFLICT (key) DO UPDATE SET tries = ${tries}, last_try_at = ${now}, next_try_at = ${waitAfter(tries)}
          WHERE ${forgotten} OR a.next_try_at IS NULL OR a.next_try_at <= ${now}
          RETURNING a.key`;
}

/** After a sign-in: the account starts afresh, and the address gets its try back (many people share one). */
export async function settleSignIn(sequelize: Sequelize, addressKey: string, accountKey: string) {
  await queryRows(
    sequelize,
    `WITH cleared AS (DELETE FROM login_attempts WHERE key = $2)
     UPDATE login_attempts SET tries = greatest(tries - 1, 0) WHERE key = $1`,
    [addressKey, accountKey],
  );
}

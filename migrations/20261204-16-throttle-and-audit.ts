// Login throttling counts tries, not failures, and counts them per account and per client
// address (issue 13): a try is taken in one statement before the password is checked, so a
// concurrent burst cannot get more checks than the limit allows. One row per throttled key,
// `account:<e-mail>` or `address:<ip>`. The old per-e-mail failure table goes: what it held is
// at most LOGIN_LOCK_SECONDS old and only ever slowed logins.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE login_throttle;
    CREATE TABLE login_attempts (
      key          text PRIMARY KEY,
      tries        integer NOT NULL CHECK (tries >= 0),
      last_try_at  timestamptz NOT NULL,
      -- Set once the free tries are used up: no try is taken before this time.
      next_try_at  timestamptz
    );
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE login_attempts;
    CREATE TABLE login_throttle (
      email             text PRIMARY KEY,
      failures          integer NOT NULL,
      first_failure_at  timestamptz NOT NULL,
      locked_until      timestamptz
    );
  `);
}

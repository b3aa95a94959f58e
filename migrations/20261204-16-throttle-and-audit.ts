// Login throttling counts tries, not failures, and counts them per account and per client
// address (issue 13): a try is taken in one statement before the password is checked, so a
// concurrent burst cannot get more checks than the limit allows. One row per throttled key,
// `account:<e-mail>` or `address:<ip>`. The old per-e-mail failure table goes: what it held is
// at most LOGIN_LOCK_SECONDS old and only ever slowed logins.
//
// The audit log no longer holds citizens' personal data (server/citizens/citizen-audit.ts): new
// entries carry fingerprints. The entries written before carry the values themselves (national
// numbers, incomes, every fact), and the log refuses every change, so this migration lifts that
// guard for one statement per action and keeps only what new entries keep, less the fingerprints
// (their key is a secret of the running service, not of the database): the ids, the dates facts
// were recorded, which facts changed, and `redacted: true`.
import type { Sequelize } from 'sequelize';
import type { MigrationContext } from '../server/db/migrator.js';

export async function redactCitizenAudit(sequelize: Sequelize) {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
       UPDATE audit_log SET after = jsonb_build_object('id', after->'id', 'userId', after->'userId', 'nationalIdScheme', after->'nationalIdScheme',
                                                       'factsRecordedOn', after->'factsRecordedOn', 'createdAt', after->'createdAt', 'redacted', true)
       WHERE action = 'citizen.created' AND entity_type = 'citizen' AND after ? 'nationalId';
       UPDATE audit_log SET
         before = jsonb_build_object('factsRecordedOn', before->'factsRecordedOn', 'redacted', true),
         after = jsonb_build_object(
           'changed', (SELECT coalesce(jsonb_agg('/facts/' || name ORDER BY name), '[]'::jsonb)
                       FROM (SELECT jsonb_object_keys(before->'facts') UNION SELECT jsonb_object_keys(after->'facts')) AS fact(name)
                       WHERE before->'facts'->name IS DISTINCT FROM after->'facts'->name),
           'factsRecordedOn', after->'factsRecordedOn', 'redacted', true)
       WHERE action = 'citizen.facts.replaced' AND entity_type = 'citizen' AND (after ? 'facts' OR before ? 'facts');
       ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
      { transaction },
    );
  });
}

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
  await redactCitizenAudit(sequelize);
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

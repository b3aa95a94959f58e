// Assisted digital (issue 18, point 7): an administrator acts for a citizen who is present, after
// recording how the citizen agreed. A session is started once, with that consent, and ended once
// (by the administrator, or found past its time). Everything done in it is audited as the
// administrator's, on behalf of the citizen's login: audit_log.on_behalf_of.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE assisted_sessions (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_user_id   uuid NOT NULL REFERENCES users(id),
      citizen_id      uuid NOT NULL REFERENCES citizens(id),
      consent         text NOT NULL CHECK (consent IN ('in_person_identity_checked', 'signed_form', 'spoken_with_witness')),
      consent_note    text NOT NULL CHECK (char_length(consent_note) BETWEEN 1 AND 500),
      started_at      timestamptz NOT NULL,
      expires_at      timestamptz NOT NULL CHECK (expires_at > started_at),
      ended_at        timestamptz CHECK (ended_at >= started_at)
    );
    CREATE INDEX assisted_sessions_staff_idx ON assisted_sessions (staff_user_id, started_at DESC);
    CREATE INDEX assisted_sessions_citizen_idx ON assisted_sessions (citizen_id, started_at DESC);
    ALTER TABLE audit_log ADD COLUMN on_behalf_of uuid REFERENCES users(id)`);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE audit_log DROP COLUMN on_behalf_of;
    DROP TABLE assisted_sessions`);
}

// E-mail for notifications (issue 16, point 7). A notification queues its e-mails in the same
// transaction (email_outbox), so an e-mail exists exactly when the change it reports committed; a
// job drains the outbox. A row is never deleted: sent or failed, it stays as the record of what
// left (or could not leave) by e-mail. notification_preferences holds the language a user reads
// their e-mails in, where they chose one.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE notification_preferences (
      user_id     uuid PRIMARY KEY REFERENCES users(id),
      language    text NOT NULL CHECK (language IN ('nl', 'en')),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE email_outbox (
      id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      notification_id  bigint NOT NULL REFERENCES notifications(id),
      user_id          uuid NOT NULL REFERENCES users(id),
      recipient        text NOT NULL,
      language         text NOT NULL CHECK (language IN ('nl', 'en')),
      subject          text NOT NULL,
      body             text NOT NULL,
      status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at  timestamptz NOT NULL DEFAULT now(),
      last_error       text,
      sent_at          timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    );
    -- The drainer reads only what is due; sent and failed rows stay out of its index.
    CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE status = 'queued';
    CREATE INDEX email_outbox_notification_idx ON email_outbox (notification_id);
    CREATE INDEX email_outbox_failed_idx ON email_outbox (id) WHERE status = 'failed';
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE email_outbox; DROP TABLE notification_preferences;`);
}

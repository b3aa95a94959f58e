// A user's own view of their account in the portal (issue 16, journeys 7 and 8):
// - sign_ins: every sign-in (portal or API; password or the identity provider) with its time and
//   address, so a citizen notices one that was not theirs (the CPF phishing lesson). Append-only.
// - notification_reads: which notifications a user has read. Notifications are never changed and
//   one addressed to a role is shared by its users, so reading is a row per user and notification.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE sign_ins (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id         uuid NOT NULL REFERENCES users(id),
      method          text NOT NULL CHECK (method IN ('password', 'oidc')),
      channel         text NOT NULL CHECK (channel IN ('portal', 'api')),
      client_address  text NOT NULL CHECK (char_length(client_address) BETWEEN 1 AND 100),
      signed_in_at    timestamptz NOT NULL
    );
    CREATE INDEX sign_ins_user_idx ON sign_ins (user_id, id DESC);

    CREATE TABLE notification_reads (
      notification_id  bigint NOT NULL REFERENCES notifications(id),
      user_id          uuid NOT NULL REFERENCES users(id),
      read_at          timestamptz NOT NULL,
      PRIMARY KEY (user_id, notification_id)
    );
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE notification_reads; DROP TABLE sign_ins;`);
}

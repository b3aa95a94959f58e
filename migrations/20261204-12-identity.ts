// Identity hardening (issue 13). A user can be disabled, and every token of a user can be ended:
// our tokens carry the user's token version, and bumping it refuses every token issued before
// (exact, unlike a timestamp, which cannot tell apart two tokens of the same second). An
// identity provider's user is tied to ours by the provider's own stable key, (issuer, subject),
// recorded once by a deliberate linking step, never by a matching e-mail address.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE users
      ADD COLUMN disabled_at    timestamptz,
      ADD COLUMN token_version  integer NOT NULL DEFAULT 0 CHECK (token_version >= 0);

    CREATE TABLE external_identities (
      issuer     text NOT NULL,
      subject    text NOT NULL,
      user_id    uuid NOT NULL REFERENCES users(id),
      -- The provider's e-mail when the link was made: shown to people, never used to match.
      email      text,
      linked_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, subject)
    );
    CREATE INDEX external_identities_user_idx ON external_identities (user_id);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE external_identities;
    ALTER TABLE users DROP COLUMN token_version, DROP COLUMN disabled_at;
  `);
}

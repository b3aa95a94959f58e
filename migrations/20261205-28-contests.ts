// Contested refusals (issue 16, journey 6): a citizen contests a refusal decision with a message and
// evidence files, and an administrator answers it once. At most one open contest per decision (a
// partial unique index, so two racing submissions cannot both open one). Evidence is kept in the
// database with the type read from its content and a SHA-256 checksum, never changed or deleted:
// it is what the answer was based on.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE contests (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference       text NOT NULL UNIQUE CHECK (reference ~ '^CT-[0-9A-Z]{8}$'),
      decision_id     uuid NOT NULL REFERENCES decisions(id),
      citizen_id      uuid NOT NULL REFERENCES citizens(id),
      user_id         uuid NOT NULL REFERENCES users(id),
      programme_code  text NOT NULL REFERENCES programmes(code),
      message         text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 5000),
      contested_on    date NOT NULL,
      status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
      answer          text CHECK (char_length(answer) BETWEEN 1 AND 5000),
      answered_by     uuid REFERENCES users(id),
      answered_at     timestamptz,
      created_at      timestamptz NOT NULL,
      CHECK ((status = 'open') = (answered_at IS NULL)),
      CHECK ((status = 'open') = (answer IS NULL)),
      CHECK ((status = 'open') = (answered_by IS NULL))
    );
    CREATE UNIQUE INDEX contests_one_open_idx ON contests (decision_id) WHERE status = 'open';
    CREATE INDEX contests_citizen_idx ON contests (citizen_id, created_at DESC);
    CREATE INDEX contests_list_idx ON contests (created_at DESC, id DESC);

    CREATE TABLE contest_evidence (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contest_id  uuid NOT NULL REFERENCES contests(id),
      position    smallint NOT NULL CHECK (position BETWEEN 1 AND 20),
      file_name   text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
      media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes  integer NOT NULL CHECK (size_bytes > 0),
      sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      content     bytea NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (contest_id, position),
      CHECK (octet_length(content) = size_bytes)
    );
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE contest_evidence; DROP TABLE contests;`);
}

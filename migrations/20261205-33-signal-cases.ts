// Signals that need a look (issue 18, item 10): a detector over the records finds a pattern (a
// counsellor booked past a working day, a cheque woken after a long sleep, a centre's volume
// jumping, wrong client numbers tried, a course far above its peers, one evidence file for several
// citizens) and opens a case with the rows behind it, as they were read. A case never blocks a
// payment (a court ruled payment may not be withheld only because a provider is under
// investigation); an administrator closes it with a reason.
// - signal_cases: one per kind and subject, whatever its status, so detecting again (the job, or
//   two instances at once) never opens a second case for what was already looked at. The subject
//   names its period where the pattern has one (a day, a month, an hour), so a new occurrence is a
//   new subject.
// - signal_detections: when detection ran and what it opened, for the page and the job's pace.
// - contest_evidence gets an index on its checksum: the shared-evidence detector groups by it.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE signal_cases (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind          text NOT NULL CHECK (kind IN ('counsellor_overbooked', 'dormant_cheque', 'centre_volume_jump',
                                                  'wrong_client_numbers', 'course_claims_outlier', 'shared_evidence')),
      subject       text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 300),
      centre_id     uuid REFERENCES centres(id),
      facts         jsonb NOT NULL,
      rows          jsonb NOT NULL CHECK (jsonb_typeof(rows) = 'array'),
      status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      detected_at   timestamptz NOT NULL,
      closed_at     timestamptz,
      closed_by     uuid REFERENCES users(id),
      close_reason  text CHECK (char_length(close_reason) BETWEEN 1 AND 2000),
      UNIQUE (kind, subject),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
      CHECK ((status = 'closed') = (closed_by IS NOT NULL)),
      CHECK ((status = 'closed') = (close_reason IS NOT NULL))
    );
    CREATE INDEX signal_cases_list_idx ON signal_cases (status, detected_at DESC, id DESC);

    CREATE TABLE signal_detections (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      started_at   timestamptz NOT NULL,
      opened       integer NOT NULL CHECK (opened >= 0),
      requested_by uuid REFERENCES users(id)
    );
    CREATE INDEX signal_detections_started_idx ON signal_detections (started_at DESC);

    CREATE INDEX contest_evidence_sha256_idx ON contest_evidence (sha256);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP INDEX contest_evidence_sha256_idx;
    DROP TABLE signal_detections;
    DROP TABLE signal_cases;
  `);
}

// Notifications, the budget guard (places counters and threshold alerts), job runs, and
// settlement: runs, one statement per centre, and lines that each settle one source once.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    -- Addressed to one user or to every holder of a role (administrators), never both.
    CREATE TABLE notifications (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id     uuid REFERENCES users(id),
      role        text CHECK (role IN ('admin')),
      kind        text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
      subject     text NOT NULL,
      body        text NOT NULL,
      data        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
      created_at  timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) <> (role IS NULL))
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC) WHERE user_id IS NOT NULL;
    CREATE INDEX notifications_role_idx ON notifications (role, id DESC) WHERE role IS NOT NULL;

    -- Places funded per programme year: one conditional UPDATE keeps it exact under any burst.
    CREATE TABLE programme_places (
      programme_code  text NOT NULL REFERENCES programmes(code),
      period          date NOT NULL,
      taken           integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
      PRIMARY KEY (programme_code, period)
    );

    -- One alert per threshold per funding level: funding the budget again re-arms the alerts.
    CREATE TABLE budget_alerts (
      programme_code  text NOT NULL REFERENCES programmes(code),
      threshold       integer NOT NULL CHECK (threshold BETWEEN 1 AND 100),
      funding_total   numeric(16,2) NOT NULL,
      committed       numeric(16,2) NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (programme_code, threshold, funding_total)
    );

    CREATE TABLE job_runs (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      job_name     text NOT NULL,
      started_at   timestamptz NOT NULL,
      finished_at  timestamptz NOT NULL,
      processed    integer NOT NULL CHECK (processed >= 0),
      error        text
    );
    CREATE INDEX job_runs_name_idx ON job_runs (job_name, id DESC);

    CREATE TABLE settlement_runs (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code  text NOT NULL REFERENCES programmes(code),
      period_end      date NOT NULL,
      created_by      uuid REFERENCES users(id),
      created_at      timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE statements (
      id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id                 uuid NOT NULL REFERENCES settlement_runs(id),
      programme_code         text NOT NULL REFERENCES programmes(code),
      centre_id              uuid NOT NULL REFERENCES centres(id),
      period_end             date NOT NULL,
      currency               text NOT NULL,
      total                  numeric(16,2) NOT NULL,
      status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
      settle_transaction_id  uuid,
      pay_transaction_id     uuid,
      paid_at                timestamptz,
      paid_by                uuid REFERENCES users(id),
      created_at             timestamptz NOT NULL DEFAULT now(),
      UNIQUE (run_id, centre_id),
      CHECK ((status = 'paid') = (paid_at IS NOT NULL))
    );
    CREATE INDEX statements_centre_idx ON statements (centre_id, created_at DESC, id DESC);

    -- sign -1 is the correction of a settled session that was reversed later: each source is
    -- settled at most once and corrected at most once, whatever the runs and periods overlap.
    CREATE TABLE statement_lines (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      statement_id  uuid NOT NULL REFERENCES statements(id),
      source_type   text NOT NULL CHECK (source_type IN ('voucher_session', 'application')),
      source_id     uuid NOT NULL,
      sign          smallint NOT NULL CHECK (sign IN (1, -1)),
      service_date  date NOT NULL,
      hours         numeric(6,2),
      rate          numeric(12,3),
      amount        numeric(16,2) NOT NULL,
      description   text NOT NULL,
      UNIQUE (source_type, source_id, sign)
    );
    CREATE INDEX statement_lines_statement_idx ON statement_lines (statement_id, id);
    CREATE TRIGGER statement_lines_append_only BEFORE UPDATE OR DELETE ON statement_lines FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE statement_lines, statements, settlement_runs, job_runs, budget_alerts, programme_places, notifications;`);
}

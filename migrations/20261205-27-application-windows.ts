// Application windows of course grant programmes (issue 15, point 6; STAP's lesson: a budget gone in
// 2.5 hours is a lottery of who refreshes fastest). A window is dated parameters (opensOn, closesOn,
// budget, allocation); these tables hold what happened in one:
// - application_windows: what a window has allocated, counted up by each first-come grant (and set
//   by its draw), never past the window's budget. It counts what the window gave, not what is still
//   out: an application lapsed or cancelled later returns its money to the programme's budget, not
//   to a window that may have closed.
// - window_entries: a lottery window's entries, one per citizen and window, each with its decision
//   and the funding it asks for; no money moves until the draw, which ranks them and records the
//   outcome of each (won with its application, not drawn, or refused with the reason).
// - window_draws: a window's draw, made once: the seed recorded before any result, the budget and
//   what the draw could fund, then its totals.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE application_windows (
      programme_code  text NOT NULL REFERENCES programmes(code),
      window_id       text NOT NULL CHECK (window_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
      budget          numeric(14, 2) NOT NULL CHECK (budget > 0),
      allocated       numeric(14, 2) NOT NULL CHECK (allocated >= 0),
      PRIMARY KEY (programme_code, window_id),
      CHECK (allocated <= budget)
    );

    CREATE TABLE window_entries (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code  text NOT NULL REFERENCES programmes(code),
      window_id       text NOT NULL CHECK (window_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
      citizen_id      uuid NOT NULL REFERENCES citizens(id),
      decision_id     uuid NOT NULL REFERENCES decisions(id),
      centre_id       uuid NOT NULL REFERENCES centres(id),
      course_id       uuid NOT NULL REFERENCES courses(id),
      account_year    integer NOT NULL CHECK (account_year BETWEEN 1900 AND 2199),
      period_start    date NOT NULL,
      period_end      date NOT NULL CHECK (period_end >= period_start),
      course_price    numeric(12, 2) NOT NULL CHECK (course_price > 0),
      funded_amount   numeric(12, 2) NOT NULL CHECK (funded_amount > 0),
      learner_part    numeric(12, 2) NOT NULL CHECK (learner_part >= 0),
      currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      entered_on      date NOT NULL,
      status          text NOT NULL DEFAULT 'entered' CHECK (status IN ('entered', 'won', 'not_drawn', 'refused')),
      draw_rank       integer CHECK (draw_rank >= 1),
      refusal         text CHECK (refusal IN ('application_exists', 'course_grants_exhausted', 'places_target_reached', 'closing_date_passed')),
      application_id  uuid UNIQUE REFERENCES applications(id),
      notified_at     timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now(),
      -- One entry per citizen and window, whatever races.
      UNIQUE (programme_code, window_id, citizen_id),
      UNIQUE (programme_code, window_id, draw_rank),
      CHECK (course_price = funded_amount + learner_part),
      CHECK ((status = 'entered') = (draw_rank IS NULL)),
      CHECK ((status = 'won') = (application_id IS NOT NULL)),
      CHECK ((status = 'refused') = (refusal IS NOT NULL))
    );
    -- The notification job's queue: drawn entries nobody has told yet.
    CREATE INDEX window_entries_to_notify_idx ON window_entries (id) WHERE status <> 'entered' AND notified_at IS NULL;

    CREATE TABLE window_draws (
      programme_code  text NOT NULL REFERENCES programmes(code),
      window_id       text NOT NULL CHECK (window_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
      -- 256 random bits as hex; the order is sha256(seed || ':' || citizen id), ascending.
      seed            text NOT NULL CHECK (seed ~ '^[0-9a-f]{64}$'),
      budget          numeric(14, 2) NOT NULL CHECK (budget > 0),
      drawn_on        date NOT NULL,
      drawn_by        uuid REFERENCES users(id),
      -- Set when the draw has run, in the statement that recorded the seed.
      fundable        numeric(14, 2) CHECK (fundable >= 0 AND fundable <= budget),
      funded_total    numeric(14, 2) CHECK (funded_total >= 0 AND funded_total <= fundable),
      entries         integer CHECK (entries >= 0),
      winners         integer CHECK (winners >= 0 AND winners <= entries),
      created_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (programme_code, window_id)
    );
    CREATE TRIGGER window_draws_no_delete BEFORE DELETE ON window_draws FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE window_draws;
    DROP TABLE window_entries;
    DROP TABLE application_windows;
  `);
}

// Accruing accounts (issue 15, points 3 and 5: France's CPF and its top-ups).
// - An accruing account's applications are many per account year: `one_per_period` says whether
//   an application is held to one funded application per period (every course grant's, the
//   default) or not (an account's); the one-per-period unique indexes skip the others.
// - A decision records the groups its rule set's group rules put the citizen in (a boosted
//   accrual, a co-payment exemption).
// - A top-up ("abondement") is its own ledger account, a sub-account of the citizen's account:
//   this table says whose it is, who funded it, and what it is tied to; its money is the ledger's.
// - A top-up above the approval threshold waits for a second administrator: a pending change kind.
import type { MigrationContext } from '../server/db/migrator.js';

const LIVE = `status NOT IN ('lapsed', 'cancelled')`;

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE applications ADD COLUMN one_per_period boolean NOT NULL DEFAULT true;
    DROP INDEX IF EXISTS applications_one_funded_idx;
    CREATE UNIQUE INDEX applications_one_funded_idx ON applications (citizen_id, account_year) WHERE ${LIVE} AND one_per_period;
    -- Where the per-right index of course grants exists already, it skips accounts' applications too.
    DO $$ BEGIN
      IF to_regclass('applications_one_per_right_idx') IS NOT NULL THEN
        DROP INDEX applications_one_per_right_idx;
        CREATE UNIQUE INDEX applications_one_per_right_idx ON applications (entitlement_id) WHERE ${LIVE} AND one_per_period;
      END IF;
    END $$;

    ALTER TABLE decisions ADD COLUMN groups text[] NOT NULL DEFAULT '{}';

    CREATE TABLE account_top_ups (
      id                      uuid PRIMARY KEY,
      programme_code          text NOT NULL REFERENCES programmes(code),
      entitlement_id          uuid NOT NULL REFERENCES entitlements(id),
      citizen_id              uuid NOT NULL REFERENCES citizens(id),
      funder_type             text NOT NULL CHECK (funder_type IN ('employer', 'sector_fund', 'region')),
      funder_name             text NOT NULL CHECK (length(funder_name) BETWEEN 1 AND 200),
      course_id               uuid REFERENCES courses(id),
      deadline                date,
      amount                  numeric(12, 2) NOT NULL CHECK (amount > 0),
      currency                text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      account_id              uuid NOT NULL UNIQUE REFERENCES ledger_accounts(id),
      funding_transaction_id  uuid NOT NULL UNIQUE REFERENCES ledger_transactions(id),
      received_on             date NOT NULL,
      note                    text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      created_by              uuid REFERENCES users(id),
      created_at              timestamptz NOT NULL DEFAULT now(),
      CHECK (deadline IS NULL OR deadline >= received_on)
    );
    CREATE INDEX account_top_ups_entitlement_idx ON account_top_ups (entitlement_id, created_at);
    -- The return job's queue: top-ups with a deadline.
    CREATE INDEX account_top_ups_deadline_idx ON account_top_ups (deadline, id) WHERE deadline IS NOT NULL;
    CREATE TRIGGER account_top_ups_no_update BEFORE UPDATE ON account_top_ups FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER account_top_ups_no_delete BEFORE DELETE ON account_top_ups FOR EACH ROW EXECUTE FUNCTION refuse_change();

    ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_kind_check,
      ADD CONSTRAINT pending_changes_kind_check
      CHECK (kind IN ('programme_parameters', 'budget_funding', 'statement_payment', 'programme_opening', 'account_top_up'));
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_kind_check,
      ADD CONSTRAINT pending_changes_kind_check CHECK (kind IN ('programme_parameters', 'budget_funding', 'statement_payment', 'programme_opening'));
    DROP TABLE account_top_ups;
    ALTER TABLE decisions DROP COLUMN groups;
    DROP INDEX IF EXISTS applications_one_funded_idx;
    CREATE UNIQUE INDEX applications_one_funded_idx ON applications (citizen_id, account_year) WHERE ${LIVE};
    ALTER TABLE applications DROP COLUMN one_per_period;
  `);
}

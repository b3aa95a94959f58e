// Credit lots (issue 15, docs/design/programme-kinds.md): a credit_lots programme grants each
// citizen lots of credit by rule, each once, on its own ledger account with an expiry and the course
// tags it may pay for. The rows say what was granted, when it ends and which ledger transaction
// moved what; the money itself sits on the ledger (a lot's account), never in a column. A claim
// draws from several lots for one application; credit_lot_draws records what each lot gave (the
// application's grant transaction moved it), so the lot shows what is held, and a cancelled or
// lapsed application, whose grant is reversed, gives each lot back exactly that. Both are records
// of what happened: never updated, never deleted.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE credit_lot_grants (
      id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code         text NOT NULL REFERENCES programmes(code),
      citizen_id             uuid NOT NULL REFERENCES citizens(id),
      lot                    text NOT NULL CHECK (lot ~ '^[a-z][a-z0-9_]{1,39}$'),
      amount                 numeric(12, 2) NOT NULL CHECK (amount > 0),
      currency               text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      granted_on             date NOT NULL,
      -- The last day the lot pays (NULL: it never ends).
      expires_on             date CHECK (expires_on >= granted_on),
      course_tags            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(course_tags) <= 20),
      decision_id            uuid NOT NULL REFERENCES decisions(id),
      account_id             uuid NOT NULL UNIQUE REFERENCES ledger_accounts(id),
      grant_transaction_id   uuid NOT NULL UNIQUE REFERENCES ledger_transactions(id),
      created_at             timestamptz NOT NULL DEFAULT now(),
      -- One grant of a lot per citizen, whatever races.
      UNIQUE (programme_code, citizen_id, lot)
    );
    CREATE INDEX credit_lot_grants_citizen_idx ON credit_lot_grants (citizen_id, programme_code);
    -- The expiry job's queue: lots that end. What is left of one past its last day returns to the
    -- budget, and again whatever an application gives back to it later.
    CREATE INDEX credit_lot_grants_expiring_idx ON credit_lot_grants (expires_on, id) WHERE expires_on IS NOT NULL;
    CREATE TRIGGER credit_lot_grants_no_update BEFORE UPDATE ON credit_lot_grants FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER credit_lot_grants_no_delete BEFORE DELETE ON credit_lot_grants FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE credit_lot_draws (
      application_id  uuid NOT NULL REFERENCES applications(id),
      lot_grant_id    uuid NOT NULL REFERENCES credit_lot_grants(id),
      amount          numeric(12, 2) NOT NULL CHECK (amount > 0),
      PRIMARY KEY (application_id, lot_grant_id)
    );
    CREATE INDEX credit_lot_draws_lot_idx ON credit_lot_draws (lot_grant_id);
    CREATE TRIGGER credit_lot_draws_no_update BEFORE UPDATE ON credit_lot_draws FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER credit_lot_draws_no_delete BEFORE DELETE ON credit_lot_draws FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE credit_lot_draws;
    DROP TABLE credit_lot_grants;
  `);
}

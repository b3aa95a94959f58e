// Individual Training Account applications: one course at one provider, funded from the
// citizen's entitlement for one account year. The database holds the rules that must survive any
// bug or race: one funded application per citizen and account year, amounts that add up, each
// state with the ledger evidence it needs, and no way out of a final state.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE applications (
      id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference               text NOT NULL UNIQUE CHECK (reference ~ '^ITA-[0-9A-HJKMNP-TV-Z]{10}$'),
      citizen_id              uuid NOT NULL REFERENCES citizens(id),
      entitlement_id          uuid NOT NULL REFERENCES entitlements(id),
      decision_id             uuid NOT NULL REFERENCES decisions(id),
      centre_id               uuid NOT NULL REFERENCES centres(id),
      course_id               uuid NOT NULL REFERENCES courses(id),
      account_year            integer NOT NULL CHECK (account_year BETWEEN 1900 AND 2199),
      course_price            numeric(12, 2) NOT NULL CHECK (course_price > 0),
      funded_amount           numeric(12, 2) NOT NULL CHECK (funded_amount > 0),
      learner_part            numeric(12, 2) NOT NULL CHECK (learner_part >= 0),
      currency                text NOT NULL CHECK (currency IN ('EUR', 'GBP')),
      status                  text NOT NULL DEFAULT 'pending_verification'
                                CHECK (status IN ('pending_verification', 'verified', 'claimed', 'lapsed', 'cancelled')),
      applied_on              date NOT NULL,
      verify_by               date NOT NULL CHECK (verify_by > applied_on),
      grant_transaction_id    uuid NOT NULL UNIQUE REFERENCES ledger_transactions(id),
      hold_id                 uuid NOT NULL UNIQUE REFERENCES ledger_holds(id),
      verified_at             timestamptz,
      verified_by             uuid REFERENCES users(id),
      course_start_date       date,
      claim_transaction_id    uuid UNIQUE REFERENCES ledger_transactions(id),
      claimed_at              timestamptz,
      claimed_by              uuid REFERENCES users(id),
      release_transaction_id  uuid UNIQUE REFERENCES ledger_transactions(id),
      closed_at               timestamptz,
      created_at              timestamptz NOT NULL DEFAULT now(),
      CHECK (course_price = funded_amount + learner_part),
      CHECK ((status IN ('verified', 'claimed')) <= (verified_at IS NOT NULL)),
      CHECK (status <> 'pending_verification' OR verified_at IS NULL),
      CHECK ((status = 'claimed') = (claim_transaction_id IS NOT NULL AND claimed_at IS NOT NULL AND course_start_date IS NOT NULL)),
      CHECK ((status IN ('lapsed', 'cancelled')) = (release_transaction_id IS NOT NULL AND closed_at IS NOT NULL))
    );
    -- One funded application per citizen and account year; a lapsed or cancelled one frees the year.
    CREATE UNIQUE INDEX applications_one_funded_idx ON applications (citizen_id, account_year)
      WHERE status NOT IN ('lapsed', 'cancelled');
    CREATE INDEX applications_entitlement_idx ON applications (entitlement_id, created_at);
    -- The lapse job's queue: only what is still waiting for verification.
    CREATE INDEX applications_pending_idx ON applications (verify_by, id) WHERE status = 'pending_verification';
    -- Settlement lists a provider's claimed applications.
    CREATE INDEX applications_claimed_idx ON applications (centre_id, claimed_at) WHERE status = 'claimed';

    -- An application changes state once: forward along its lifecycle, never out of a final state,
    -- and what it funds (citizen, course, amounts, year) never changes.
    CREATE FUNCTION application_transition() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.reference, NEW.citizen_id, NEW.entitlement_id, NEW.decision_id, NEW.centre_id, NEW.course_id, NEW.account_year,
          NEW.course_price, NEW.funded_amount, NEW.learner_part, NEW.currency, NEW.applied_on, NEW.grant_transaction_id, NEW.created_at)
         IS DISTINCT FROM
         (OLD.reference, OLD.citizen_id, OLD.entitlement_id, OLD.decision_id, OLD.centre_id, OLD.course_id, OLD.account_year,
          OLD.course_price, OLD.funded_amount, OLD.learner_part, OLD.currency, OLD.applied_on, OLD.grant_transaction_id, OLD.created_at) THEN
        RAISE EXCEPTION 'application %: what it funds cannot change', OLD.reference USING ERRCODE = 'restrict_violation';
      END IF;
      IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'pending_verification' AND NEW.status IN ('verified', 'lapsed', 'cancelled'))
        OR (OLD.status = 'verified' AND NEW.status IN ('claimed', 'cancelled'))) THEN
        RAISE EXCEPTION 'application %: % -> % is not a transition', OLD.reference, OLD.status, NEW.status USING ERRCODE = 'restrict_violation';
      END IF;
      IF OLD.status IN ('claimed', 'lapsed', 'cancelled') THEN
        RAISE EXCEPTION 'application % is %: it no longer changes', OLD.reference, OLD.status USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER applications_transition BEFORE UPDATE ON applications FOR EACH ROW EXECUTE FUNCTION application_transition();
    CREATE TRIGGER applications_no_delete BEFORE DELETE ON applications FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE applications;
    DROP FUNCTION application_transition();
  `);
}

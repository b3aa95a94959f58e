// Eligibility: versioned rule sets (draft -> approved -> superseded), the decisions made with
// them, and the entitlements table whose start dates feed the "last right" fact (issue 5 adds
// the columns of a granted right to it).
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE rule_sets (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code  text NOT NULL REFERENCES programmes(code),
      version         integer NOT NULL CHECK (version >= 1),
      state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved', 'superseded')),
      effective_from  date NOT NULL,
      rules           jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'array'),
      parameters      jsonb NOT NULL CHECK (jsonb_typeof(parameters) = 'object'),
      test_cases      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(test_cases) = 'array'),
      note            text,
      author_id       uuid REFERENCES users(id),
      approved_by     uuid REFERENCES users(id),
      approved_at     timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      UNIQUE (programme_code, version),
      CHECK ((state = 'draft') = (approved_at IS NULL)),
      -- four eyes, also in the database: nobody approves their own rule set
      CHECK (approved_by IS NULL OR author_id IS NULL OR approved_by <> author_id)
    );
    -- Approved windows never overlap: one version per start date; each ends where the next starts.
    CREATE UNIQUE INDEX rule_sets_effective_idx ON rule_sets (programme_code, effective_from) WHERE state <> 'draft';

    -- An approved rule set is immutable: only its state may move on (approved -> superseded).
    CREATE FUNCTION rule_set_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.state <> 'draft' THEN RAISE EXCEPTION 'rule set % is approved: DELETE refused', OLD.id USING ERRCODE = 'restrict_violation'; END IF;
        RETURN OLD;
      END IF;
      IF OLD.state <> 'draft' AND (NEW.rules, NEW.parameters, NEW.test_cases, NEW.effective_from, NEW.programme_code, NEW.version, NEW.author_id, NEW.approved_by, NEW.approved_at)
         IS DISTINCT FROM (OLD.rules, OLD.parameters, OLD.test_cases, OLD.effective_from, OLD.programme_code, OLD.version, OLD.author_id, OLD.approved_by, OLD.approved_at)
         OR (OLD.state = 'superseded' AND NEW.state <> 'superseded') THEN
        RAISE EXCEPTION 'rule set % is approved: only its state may change', OLD.id USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER rule_sets_frozen BEFORE UPDATE OR DELETE ON rule_sets FOR EACH ROW EXECUTE FUNCTION rule_set_frozen();

    CREATE TABLE entitlements (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      citizen_id      uuid NOT NULL REFERENCES citizens(id),
      programme_code  text NOT NULL REFERENCES programmes(code),
      period_start    date NOT NULL,
      period_end      date NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end >= period_start)
    );
    CREATE INDEX entitlements_citizen_idx ON entitlements (citizen_id, programme_code, period_start DESC);

    -- A decision is evidence: stored once with its facts and rule set, never changed.
    CREATE TABLE decisions (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      citizen_id        uuid NOT NULL REFERENCES citizens(id),
      programme_code    text NOT NULL REFERENCES programmes(code),
      reference_date    date NOT NULL,
      eligible          boolean NOT NULL,
      reasons           jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
      facts             jsonb NOT NULL CHECK (jsonb_typeof(facts) = 'object'),
      rule_set_id       uuid NOT NULL REFERENCES rule_sets(id),
      next_eligible_on  date,
      created_at        timestamptz NOT NULL DEFAULT now(),
      created_by        uuid REFERENCES users(id),
      CHECK (eligible = (jsonb_array_length(reasons) = 0))
    );
    CREATE INDEX decisions_citizen_idx ON decisions (citizen_id, created_at DESC);
    CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE decisions, entitlements, rule_sets;
    DROP FUNCTION rule_set_frozen();
  `);
}

// Registries and plumbing: users, centres, citizens, programmes with dated parameters,
// accreditations, courses, the audit log, idempotency keys and login throttling.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    -- Shared by every append-only table (audit log here, the ledger later): the database itself
    -- refuses UPDATE and DELETE, whatever the code does.
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
    END $$;

    CREATE TABLE programmes (
      code        text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,10}$'),
      name        text NOT NULL,
      unit        text NOT NULL CHECK (unit IN ('HOUR', 'EUR', 'GBP')),
      currency    text NOT NULL CHECK (currency IN ('EUR', 'GBP')),
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE centres (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name               text NOT NULL,
      enterprise_number  text NOT NULL UNIQUE,
      email              text NOT NULL,
      created_at         timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email          text NOT NULL UNIQUE CHECK (email = lower(email)),
      password_hash  text,
      name           text NOT NULL,
      role           text NOT NULL CHECK (role IN ('citizen', 'centre', 'admin', 'auditor')),
      centre_id      uuid REFERENCES centres(id),
      created_at     timestamptz NOT NULL DEFAULT now(),
      CHECK ((role = 'centre') = (centre_id IS NOT NULL))
    );
    CREATE INDEX users_centre_idx ON users (centre_id) WHERE centre_id IS NOT NULL;

    CREATE TABLE citizens (
      id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id             uuid NOT NULL UNIQUE REFERENCES users(id),
      name                text NOT NULL,
      national_id         text NOT NULL UNIQUE,
      national_id_scheme  text NOT NULL CHECK (national_id_scheme IN ('BE_NRN', 'UK_NINO')),
      facts               jsonb NOT NULL DEFAULT '{}',
      facts_recorded_on   jsonb NOT NULL DEFAULT '{}',
      created_at          timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE programme_parameters (
      id              bigserial PRIMARY KEY,
      programme_code  text NOT NULL REFERENCES programmes(code),
      effective_from  date NOT NULL,
      "values"        jsonb NOT NULL,
      note            text,
      created_by      uuid REFERENCES users(id),
      created_at      timestamptz NOT NULL DEFAULT now(),
      UNIQUE (programme_code, effective_from)
    );

    CREATE TABLE accreditations (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      centre_id       uuid NOT NULL REFERENCES centres(id),
      programme_code  text NOT NULL REFERENCES programmes(code),
      valid_from      date NOT NULL,
      valid_to        date NOT NULL,
      status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
      reason          text,
      reapply_after   date,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to >= valid_from),
      CHECK (status = 'active' OR reason IS NOT NULL),
      CHECK (status <> 'revoked' OR reapply_after IS NOT NULL)
    );
    CREATE INDEX accreditations_centre_idx ON accreditations (centre_id, programme_code);

    CREATE TABLE courses (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      centre_id      uuid NOT NULL REFERENCES centres(id),
      title          text NOT NULL,
      qualification  text NOT NULL,
      price          numeric(12, 2) NOT NULL CHECK (price > 0),
      currency       text NOT NULL CHECK (currency IN ('EUR', 'GBP')),
      status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      decided_by     uuid REFERENCES users(id),
      decided_at     timestamptz,
      created_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX courses_centre_idx ON courses (centre_id);

    CREATE TABLE audit_log (
      id           bigserial PRIMARY KEY,
      at           timestamptz NOT NULL DEFAULT now(),
      actor_id     uuid,
      actor_role   text NOT NULL,
      action       text NOT NULL,
      entity_type  text NOT NULL,
      entity_id    text NOT NULL,
      before       jsonb,
      after        jsonb,
      request_id   text
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE idempotency_keys (
      id               bigserial PRIMARY KEY,
      scope            text NOT NULL,
      key              text NOT NULL,
      request_hash     text NOT NULL,
      response_status  integer,
      response_body    jsonb,
      created_at       timestamptz NOT NULL DEFAULT now(),
      UNIQUE (scope, key)
    );

    CREATE TABLE login_throttle (
      email             text PRIMARY KEY,
      failures          integer NOT NULL,
      first_failure_at  timestamptz NOT NULL,
      locked_until      timestamptz
    );
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE login_throttle, idempotency_keys, audit_log, courses, accreditations,
      programme_parameters, citizens, users, centres, programmes;
    DROP FUNCTION refuse_change();
  `);
}

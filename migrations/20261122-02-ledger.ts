// The double-entry ledger: accounts, append-only transactions and entries, and holds. The
// guarantees live in the database, not only in the code: a transaction balances per unit (a
// deferred constraint trigger checks it at commit), entries and transactions are never updated or
// deleted, an account that may not go negative cannot (a CHECK that counts open holds), an
// account's `held` equals its open holds, a hold resolves once, an idempotency key is unique.
// The hot path is a few plpgsql functions so that a posting is one round trip
// (server/ledger/ledger-functions-sql.ts).
import type { MigrationContext } from '../server/db/migrator.js';
import { LEDGER_FUNCTIONS } from '../server/ledger/ledger-functions-sql.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE ledger_accounts (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_type       text NOT NULL CHECK (owner_type ~ '^[a-z][a-z_]{0,39}$'),
      owner_id         text NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 200),
      programme_code   text REFERENCES programmes(code),
      unit             text NOT NULL CHECK (unit IN ('HOUR', 'EUR', 'GBP')),
      may_go_negative  boolean NOT NULL,
      balance          numeric(18, 2) NOT NULL DEFAULT 0,
      held             numeric(18, 2) NOT NULL DEFAULT 0 CHECK (held >= 0),
      created_at       timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ledger_accounts_not_negative CHECK (may_go_negative OR balance - held >= 0),
      UNIQUE (owner_type, owner_id, unit),
      -- target of the entries' composite key, so an entry's unit is always its account's
      UNIQUE (id, unit)
    );
    -- What an account is never changes; only balance and held move.
    CREATE TRIGGER ledger_accounts_identity BEFORE UPDATE OF id, owner_type, owner_id, programme_code, unit, may_go_negative
      ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    CREATE TABLE ledger_transactions (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
      business_date    date NOT NULL,
      created_at       timestamptz NOT NULL DEFAULT now(),
      idempotency_key  text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 500),
      request_hash     text,
      reverses_id      uuid UNIQUE REFERENCES ledger_transactions(id),
      metadata         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
      CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
      CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
    );

    CREATE TABLE ledger_entries (
      id              bigserial PRIMARY KEY,
      transaction_id  uuid NOT NULL REFERENCES ledger_transactions(id),
      account_id      uuid NOT NULL,
      unit            text NOT NULL,
      amount          numeric(18, 2) NOT NULL CHECK (amount <> 0),
      balance_after   numeric(18, 2) NOT NULL,
      FOREIGN KEY (account_id, unit) REFERENCES ledger_accounts (id, unit),
      UNIQUE (transaction_id, account_id)
    );
    CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id);

    CREATE TABLE ledger_holds (
      id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id              uuid NOT NULL REFERENCES ledger_accounts(id),
      amount                  numeric(18, 2) NOT NULL CHECK (amount > 0),
      status                  text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'captured', 'released', 'expired')),
      captured                numeric(18, 2) NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
      capture_transaction_id  uuid UNIQUE REFERENCES ledger_transactions(id),
      expires_at              timestamptz NOT NULL,
      idempotency_key         text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 500),
      request_hash            text,
      metadata                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
      created_at              timestamptz NOT NULL DEFAULT now(),
      resolved_at             timestamptz,
      CHECK ((status = 'open') = (resolved_at IS NULL)),
      CHECK ((status = 'captured') = (capture_transaction_id IS NOT NULL)),
      CHECK ((status = 'captured') = (captured > 0)),
      CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
    );
    CREATE INDEX ledger_holds_open_expiry_idx ON ledger_holds (expires_at) WHERE status = 'open';
    CREATE INDEX ledger_holds_open_account_idx ON ledger_holds (account_id) WHERE status = 'open';

    -- Append-only: the database refuses UPDATE, DELETE and TRUNCATE of transactions and entries.
    CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_holds_no_delete BEFORE DELETE ON ledger_holds FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER ledger_holds_no_truncate BEFORE TRUNCATE ON ledger_holds FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- Checked at commit, so a transaction's entries may be inserted one by one.
    CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      off record;
    BEGIN
      SELECT unit, sum(amount) AS total INTO off FROM ledger_entries
        WHERE transaction_id = NEW.transaction_id GROUP BY unit HAVING sum(amount) <> 0 LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %: off by %', NEW.transaction_id, off.unit, off.total
          USING ERRCODE = 'LA900', DETAIL = NEW.transaction_id::text;
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

    CREATE FUNCTION ledger_check_has_entries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.id) THEN
        RAISE EXCEPTION 'ledger transaction % has no entries', NEW.id USING ERRCODE = 'LA900', DETAIL = NEW.id::text;
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER ledger_transactions_have_entries AFTER INSERT ON ledger_transactions
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_has_entries();

    -- A hold changes state once (open -> captured | released | expired) and nothing else of it changes.
    CREATE FUNCTION ledger_hold_resolves_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status <> 'open'
         OR (NEW.id, NEW.account_id, NEW.amount, NEW.expires_at, NEW.idempotency_key, NEW.request_hash, NEW.metadata, NEW.created_at)
            IS DISTINCT FROM (OLD.id, OLD.account_id, OLD.amount, OLD.expires_at, OLD.idempotency_key, OLD.request_hash, OLD.metadata, OLD.created_at)
      THEN
        RAISE EXCEPTION 'hold % is % and resolves once', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ledger_holds_resolve_once BEFORE UPDATE ON ledger_holds FOR EACH ROW EXECUTE FUNCTION ledger_hold_resolves_once();

    -- An account's held amount equals the sum of its open holds, checked at commit whenever either side moves.
    CREATE FUNCTION ledger_check_held() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_account uuid;
      v_held numeric;
      v_open numeric;
    BEGIN
      IF TG_TABLE_NAME = 'ledger_holds' THEN v_account := NEW.account_id; ELSE v_account := NEW.id; END IF;
      SELECT held INTO v_held FROM ledger_accounts WHERE id = v_account;
      SELECT coalesce(sum(amount), 0) INTO v_open FROM ledger_holds WHERE account_id = v_account AND status = 'open';
      IF v_held <> v_open THEN
        RAISE EXCEPTION 'account % holds % but its open holds total %', v_account, v_held, v_open
          USING ERRCODE = 'LA900', DETAIL = v_account::text;
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER ledger_accounts_held_matches AFTER UPDATE OF held ON ledger_accounts
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.held IS DISTINCT FROM NEW.held) EXECUTE FUNCTION ledger_check_held();
    CREATE CONSTRAINT TRIGGER ledger_holds_held_matches AFTER INSERT OR UPDATE ON ledger_holds
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_held();
  `);
  await sequelize.query(LEDGER_FUNCTIONS);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP FUNCTION ledger_expire_holds(timestamptz, integer);
    DROP FUNCTION ledger_release_hold(uuid, text);
    DROP FUNCTION ledger_capture_hold(uuid, numeric, uuid, text, date, text, text, jsonb);
    DROP FUNCTION ledger_place_hold(uuid, numeric, timestamptz, text, text, jsonb);
    DROP FUNCTION ledger_reverse(uuid, date, text, text, jsonb);
    DROP FUNCTION ledger_post(text, date, text, text, uuid, jsonb, uuid[], numeric[]);
    DROP TABLE ledger_holds, ledger_entries, ledger_transactions, ledger_accounts;
    DROP FUNCTION ledger_check_held(), ledger_hold_resolves_once(), ledger_check_has_entries(), ledger_check_balanced();
  `);
}

// Granted rights and loopbaancheques: the entitlements table (created by the eligibility
// migration) gains what a grant records; vouchers, their sessions and disputes are new. Value
// never lives here: hours sit on ledger accounts, these rows only say what state things are in
// and which ledger transaction moved what.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE entitlements
      ADD COLUMN decision_id  uuid REFERENCES decisions(id),
      ADD COLUMN account_id   uuid REFERENCES ledger_accounts(id),
      ADD COLUMN status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
      -- LBC: the fee its hours were committed at, so a forfeit returns exactly that money
      ADD COLUMN hourly_fee   numeric(10, 3),
      ADD COLUMN grant_transaction_id uuid REFERENCES ledger_transactions(id);

    CREATE TABLE vouchers (
      id                      uuid PRIMARY KEY,
      code                    text NOT NULL UNIQUE,
      client_number           text NOT NULL CHECK (client_number ~ '^[0-9]{8}$'),
      entitlement_id          uuid NOT NULL REFERENCES entitlements(id),
      citizen_id              uuid NOT NULL REFERENCES citizens(id),
      programme_code          text NOT NULL REFERENCES programmes(code),
      sequence                integer NOT NULL CHECK (sequence >= 1),
      hours                   numeric(6, 2) NOT NULL CHECK (hours > 0),
      status                  text NOT NULL CHECK (status IN ('awaiting_payment', 'issued', 'in_use', 'closed', 'expired', 'cancelled')),
      co_payment_amount       numeric(12, 2) NOT NULL CHECK (co_payment_amount >= 0),
      co_payment_currency     text NOT NULL,
      co_payment_status       text NOT NULL CHECK (co_payment_status IN ('due', 'paid', 'lapsed')),
      co_payment_reference    text,
      paid_at                 timestamptz,
      due_by                  date NOT NULL,
      issued_on               date,
      valid_until             date,
      centre_id               uuid REFERENCES centres(id),
      registered_at           timestamptz,
      account_id              uuid NOT NULL REFERENCES ledger_accounts(id),
      reserve_transaction_id  uuid NOT NULL REFERENCES ledger_transactions(id),
      release_transaction_id  uuid REFERENCES ledger_transactions(id),
      development_plan        jsonb,
      ended_at                timestamptz,
      created_at              timestamptz NOT NULL DEFAULT now(),
      CHECK ((status IN ('issued', 'in_use', 'closed')) <= (co_payment_status = 'paid' AND valid_until IS NOT NULL)),
      CHECK ((status IN ('in_use', 'closed')) <= (centre_id IS NOT NULL)),
      CHECK ((status = 'closed') = (development_plan IS NOT NULL))
    );
    -- One open cheque per citizen and programme, whatever the concurrency.
    CREATE UNIQUE INDEX vouchers_one_open_idx ON vouchers (citizen_id, programme_code)
      WHERE status IN ('awaiting_payment', 'issued', 'in_use');
    CREATE INDEX vouchers_entitlement_idx ON vouchers (entitlement_id, sequence);
    -- The jobs look for these: unpaid past their due date, issued or in use past their validity.
    CREATE INDEX vouchers_due_idx ON vouchers (due_by) WHERE status = 'awaiting_payment';
    CREATE INDEX vouchers_valid_idx ON vouchers (valid_until) WHERE status IN ('issued', 'in_use');

    CREATE TABLE voucher_sessions (
      id                       uuid PRIMARY KEY,
      voucher_id               uuid NOT NULL REFERENCES vouchers(id),
      centre_id                uuid NOT NULL REFERENCES centres(id),
      session_date             date NOT NULL,
      hours                    numeric(6, 2) NOT NULL CHECK (hours > 0 AND hours * 4 = trunc(hours * 4)),
      counsellor               text NOT NULL,
      kind                     text NOT NULL CHECK (kind = 'guidance'),
      ledger_transaction_id    uuid NOT NULL UNIQUE REFERENCES ledger_transactions(id),
      status                   text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'reversed')),
      reversal_transaction_id  uuid UNIQUE REFERENCES ledger_transactions(id),
      reversed_at              timestamptz,
      recorded_by              uuid REFERENCES users(id),
      created_at               timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'reversed') = (reversal_transaction_id IS NOT NULL))
    );
    CREATE INDEX voucher_sessions_voucher_idx ON voucher_sessions (voucher_id, session_date);
    CREATE INDEX voucher_sessions_centre_idx ON voucher_sessions (centre_id, session_date);

    CREATE TABLE voucher_disputes (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id   uuid NOT NULL REFERENCES voucher_sessions(id),
      voucher_id   uuid NOT NULL REFERENCES vouchers(id),
      citizen_id   uuid NOT NULL REFERENCES citizens(id),
      reason       text NOT NULL,
      status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
      note         text,
      resolved_by  uuid REFERENCES users(id),
      resolved_at  timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'open') = (resolved_at IS NULL))
    );
    CREATE UNIQUE INDEX voucher_disputes_one_open_idx ON voucher_disputes (session_id) WHERE status = 'open';
    CREATE INDEX voucher_disputes_status_idx ON voucher_disputes (status, created_at, id);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE voucher_disputes, voucher_sessions, vouchers;
    ALTER TABLE entitlements DROP COLUMN grant_transaction_id, DROP COLUMN hourly_fee, DROP COLUMN status,
      DROP COLUMN account_id, DROP COLUMN decision_id;
  `);
}

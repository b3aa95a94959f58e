// Paying centres by SEPA credit transfer (issue 18, item 6): the bank accounts and the files.
// - centre_bank_accounts: the account a centre is paid into (IBAN and BIC), one per centre,
//   replaced by an administrator (audited). The service checks the IBAN's mod-97 check digits;
//   the table repeats the shapes, so nothing malformed is stored by any path.
// - programme_debtor_accounts: the account a programme pays from, with the name the bank shows.
// - payment_files: one pain.001 message per row, for one settlement run. What the message holds
//   (both parties' accounts, the amounts) is copied in when the file is made, so the file
//   downloads the same every time, whatever is changed afterwards. Its message id is unique, and
//   a statement is in one file at most (payment_file_items' primary key): the bank is never asked
//   twice for one statement.
import type { MigrationContext } from '../server/db/migrator.js';

const IBAN = `~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`;
const BIC = `~ '^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$'`;
const NAME = `BETWEEN 1 AND 70`;

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE centre_bank_accounts (
      centre_id   uuid PRIMARY KEY REFERENCES centres(id),
      iban        text NOT NULL CHECK (iban ${IBAN}),
      bic         text NOT NULL CHECK (bic ${BIC}),
      updated_by  uuid REFERENCES users(id),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE programme_debtor_accounts (
      programme_code  text PRIMARY KEY REFERENCES programmes(code),
      name            text NOT NULL CHECK (char_length(name) ${NAME}),
      iban            text NOT NULL CHECK (iban ${IBAN}),
      bic             text NOT NULL CHECK (bic ${BIC}),
      updated_by      uuid REFERENCES users(id),
      updated_at      timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE payment_files (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      message_id      text NOT NULL UNIQUE CHECK (char_length(message_id) BETWEEN 1 AND 35),
      run_id          uuid NOT NULL REFERENCES settlement_runs(id),
      programme_code  text NOT NULL REFERENCES programmes(code),
      currency        text NOT NULL CHECK (currency = 'EUR'),
      execution_date  date NOT NULL,
      debtor_name     text NOT NULL CHECK (char_length(debtor_name) ${NAME}),
      debtor_iban     text NOT NULL CHECK (debtor_iban ${IBAN}),
      debtor_bic      text NOT NULL CHECK (debtor_bic ${BIC}),
      transactions    integer NOT NULL CHECK (transactions > 0),
      control_sum     numeric(16,2) NOT NULL CHECK (control_sum > 0),
      created_by      uuid REFERENCES users(id),
      created_at      timestamptz NOT NULL DEFAULT date_trunc('seconds', now())
    );
    CREATE INDEX payment_files_run_idx ON payment_files (run_id, created_at);

    CREATE TABLE payment_file_items (
      statement_id     uuid PRIMARY KEY REFERENCES statements(id),
      payment_file_id  uuid NOT NULL REFERENCES payment_files(id),
      end_to_end_id    text NOT NULL UNIQUE CHECK (char_length(end_to_end_id) BETWEEN 1 AND 35),
      creditor_name    text NOT NULL CHECK (char_length(creditor_name) ${NAME}),
      creditor_iban    text NOT NULL CHECK (creditor_iban ${IBAN}),
      creditor_bic     text NOT NULL CHECK (creditor_bic ${BIC}),
      amount           numeric(16,2) NOT NULL CHECK (amount > 0),
      remittance       text NOT NULL CHECK (char_length(remittance) BETWEEN 1 AND 140)
    );
    CREATE INDEX payment_file_items_file_idx ON payment_file_items (payment_file_id);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TABLE payment_file_items;
    DROP TABLE payment_files;
    DROP TABLE programme_debtor_accounts;
    DROP TABLE centre_bank_accounts;
  `);
}

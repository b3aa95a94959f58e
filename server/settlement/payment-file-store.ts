// Programmes' debtor accounts and SEPA payment files with their items (migration 34): plain rows.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type DebtorAccountRow = {
  programme_code: string;
  name: string;
  iban: string;
  bic: string;
  updated_by: string | null;
  updated_at: Date;
};

export async function upsertDebtorAccount(
  sequelize: Sequelize,
  account: { code: string; name: string; iban: string; bic: string; updatedBy: string },
  transaction: Transaction,
): Promise<{ before: DebtorAccountRow | undefined; after: DebtorAccountRow }> {
  const [before] = await queryRows<DebtorAccountRow>(
    sequelize,
    `SELECT * FROM programme_debtor_accounts WHERE programme_code = $1 FOR UPDATE`,
    [account.code],
    { transaction },
  );
  const [after] = await queryRows<DebtorAccountRow>(
    sequelize,
    `INSERT INTO programme_debtor_accounts (programme_code, name, iban, bic, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (programme_code) DO UPDATE
       SET name = EXCLUDED.name, iban = EXCLUDED.iban, bic = EXCLUDED.bic, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    [account.code, account.name, account.iban, account.bic, account.updatedBy],
    { transaction },
  );
  if (!after) throw new Error('debtor account upsert returned no row');
  return { before, after };
}

export async function findDebtorAccount(sequelize: Sequelize, code: string, transaction?: Transaction) {
  const [row] = await queryRows<DebtorAccountRow>(sequelize, `SELECT * FROM programme_debtor_accounts WHERE programme_code = $1`, [code], {
    transaction,
  });
  return row;
}

export type PaymentFileRow = {
  id: string;
  message_id: string;
  run_id: string;
  programme_code: string;
  currency: string;
  execution_date: string;
  debtor_name: string;
  debtor_iban: string;
  debtor_bic: string;
  transactions: number;
  control_sum: string;
  created_by: string | null;
  created_at: Date;
};

export type PaymentItemRow = {
  statement_id: string;
  payment_file_id: string;
  end_to_end_id: string;
  creditor_name: string;
  creditor_iban: string;
  creditor_bic: string;
  amount: string;
  remittance: string;
};

export type PaymentFile = PaymentFileRow & { items: PaymentItemRow[] };

export async function insertPaymentFile(
  sequelize: Sequelize,
  file: Omit<PaymentFileRow, 'created_at'>,
  items: Omit<PaymentItemRow, 'payment_file_id'>[],
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO payment_files (id, message_id, run_id, programme_code, currency, execution_date, debtor_name, debtor_iban, debtor_bic, transactions, control_sum, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      file.id,
      file.message_id,
      file.run_id,
      file.programme_code,
      file.currency,
      file.execution_date,
      file.debtor_name,
      file.debtor_iban,
      file.debtor_bic,
      file.transactions,
      file.control_sum,
      file.created_by,
    ],
    { transaction },
  );
  await queryRows(
    sequelize,
    `INSERT INTO payment_file_items (payment_file_id, statement_id, end_to_end_id, creditor_name, creditor_iban, creditor_bic, amount, remittance)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[])`,
    [
      file.id,
      items.map((item) => item.statement_id),
      items.map((item) => item.end_to_end_id),
      items.map((item) => item.creditor_name),
      items.map((item) => item.creditor_iban),
      items.map((item) => item.creditor_bic),
      items.map((item) => item.amount),
      items.map((item) => item.remittance),
    ],
    { transaction },
  );
}

/** The files of a run in the order they were made, with their items. */
export async function paymentFilesOfRun(sequelize: Sequelize, runId: string, transaction?: Transaction): Promise<PaymentFile[]> {
  const files = await queryRows<PaymentFileRow>(sequelize, `SELECT * FROM payment_files WHERE run_id = $1 ORDER BY file_number`, [runId], {
    transaction,
  });
  return withItems(sequelize, files, transaction);
}

export async function findPaymentFile(sequelize: Sequelize, id: string): Promise<PaymentFile | undefined> {
  const files = await queryRows<PaymentFileRow>(sequelize, `SELECT * FROM payment_files WHERE id = $1`, [id]);
  return (await withItems(sequelize, files))[0];
}

async function withItems(sequelize: Sequelize, files: PaymentFileRow[], transaction?: Transaction): Promise<PaymentFile[]> {
  if (files.length === 0) return [];
  const items = await queryRows<PaymentItemRow>(
    sequelize,
    `SELECT * FROM payment_file_items WHERE payment_file_id = ANY($1::uuid[]) ORDER BY creditor_name, statement_id`,
    [files.map((file) => file.id)],
    { transaction },
  );
  return files.map((file) => ({ ...file, items: items.filter((item) => item.payment_file_id === file.id) }));
}

/** The run's statements whose payment was approved, that have something to pay and are in no file yet. */
export async function statementsToTransfer(sequelize: Sequelize, runId: string, transaction: Transaction) {
  return queryRows<{ id: string; centre_id: string; total: string; period_end: string; programme_code: string }>(
    sequelize,
    `SELECT s.id, s.centre_id, s.total, s.period_end, s.programme_code FROM statements s
     WHERE s.run_id = $1 AND s.status = 'paid' AND s.total > 0
       AND NOT EXISTS (SELECT 1 FROM payment_file_items i WHERE i.statement_id = s.id)
     ORDER BY s.centre_id`,
    [runId],
    { transaction },
  );
}

/** The file a statement was sent to the bank in, if any. */
export async function paymentFileOfStatement(sequelize: Sequelize, statementId: string) {
  const [row] = await queryRows<{ id: string; message_id: string; created_at: Date }>(
    sequelize,
    `SELECT f.id, f.message_id, f.created_at FROM payment_file_items i JOIN payment_files f ON f.id = i.payment_file_id WHERE i.statement_id = $1`,
    [statementId],
  );
  return row;
}

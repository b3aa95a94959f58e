// The account a centre is paid into (migration 34): one per centre, replaced as a whole.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type BankAccountRow = { centre_id: string; iban: string; bic: string; updated_by: string | null; updated_at: Date };

/** Stores the centre's account (replacing any); the account as it was before, if any. */
export async function upsertBankAccount(
  sequelize: Sequelize,
  account: { centreId: string; iban: string; bic: string; updatedBy: string },
  transaction: Transaction,
): Promise<{ before: BankAccountRow | undefined; after: BankAccountRow }> {
  const [before] = await queryRows<BankAccountRow>(
    sequelize,
    `SELECT * FROM centre_bank_accounts WHERE centre_id = $1 FOR UPDATE`,
    [account.centreId],
    { transaction },
  );
  const [after] = await queryRows<BankAccountRow>(
    sequelize,
    `INSERT INTO centre_bank_accounts (centre_id, iban, bic, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (centre_id) DO UPDATE SET iban = EXCLUDED.iban, bic = EXCLUDED.bic, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    [account.centreId, account.iban, account.bic, account.updatedBy],
    { transaction },
  );
  if (!after) throw new Error('bank account upsert returned no row');
  return { before, after };
}

/** The accounts of these centres, with their names, by centre id (centres without one are left out). */
export async function bankAccountsOf(
  sequelize: Sequelize,
  centreIds: readonly string[],
  transaction?: Transaction,
): Promise<Map<string, BankAccountRow & { name: string }>> {
  const rows = await queryRows<BankAccountRow & { name: string }>(
    sequelize,
    `SELECT a.*, c.name FROM centre_bank_accounts a JOIN centres c ON c.id = a.centre_id WHERE a.centre_id = ANY($1::uuid[])`,
    [centreIds],
    { transaction },
  );
  return new Map(rows.map((row) => [row.centre_id, row]));
}

// Sessions recorded on cheques (written by voucher_record_session, migration 10). A session is
// never deleted: an upheld dispute marks it reversed and names the ledger reversal; one settlement
// already paid is owed back by a correction (settlement/settlement-corrections.ts).
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { hours } from '../http/schemas.js';

export type SessionRow = {
  id: string;
  voucher_id: string;
  centre_id: string;
  session_date: string;
  hours: string;
  counsellor: string;
  kind: string;
  ledger_transaction_id: string;
  status: 'recorded' | 'reversed';
  reversal_transaction_id: string | null;
  reversed_at: Date | null;
  created_at: Date;
};

/** A session row as the database writes it in JSON (migration 10's outcome): timestamps as text. */
export type SessionJson = Omit<SessionRow, 'created_at' | 'reversed_at'> & { created_at: string; reversed_at: string | null };

export const sessionFromJson = (json: SessionJson): SessionRow => ({
  ...json,
  created_at: new Date(json.created_at),
  reversed_at: json.reversed_at === null ? null : new Date(json.reversed_at),
});

export async function sessionsOfVoucher(sequelize: Sequelize, voucherId: string, transaction?: Transaction): Promise<SessionRow[]> {
  return queryRows<SessionRow>(
    sequelize,
    `SELECT * FROM voucher_sessions WHERE voucher_id = $1 ORDER BY session_date, created_at`,
    [voucherId],
    { transaction },
  );
}

export async function findSession(sequelize: Sequelize, id: string, transaction: Transaction): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(sequelize, `SELECT * FROM voucher_sessions WHERE id = $1 FOR UPDATE`, [id], { transaction });
  return row;
}

export async function markReversed(
  sequelize: Sequelize,
  id: string,
  reversalId: string,
  transaction: Transaction,
): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(
    sequelize,
    `UPDATE voucher_sessions SET status = 'reversed', reversal_transaction_id = $2, reversed_at = now() WHERE id = $1 AND status = 'recorded' RETURNING *`,
    [id, reversalId],
    { transaction },
  );
  return row;
}

export const sessionView = (row: SessionRow) => ({
  id: row.id,
  date: row.session_date,
  hours: hours(new Decimal(row.hours)),
  counsellor: row.counsellor,
  kind: row.kind,
  centreId: row.centre_id,
  status: row.status,
  ledgerTransactionId: row.ledger_transaction_id,
  reversalTransactionId: row.reversal_transaction_id,
  reversedAt: row.reversed_at ? row.reversed_at.toISOString() : null,
  recordedAt: row.created_at.toISOString(),
});

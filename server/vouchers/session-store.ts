// Sessions recorded on cheques. A session is never deleted: an upheld dispute marks it reversed
// and names the ledger reversal, so settlement can carry a negative line for one it already paid.
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

export type NewSession = {
  id: string;
  voucherId: string;
  centreId: string;
  session: { date: string; hours: Decimal; counsellor: string; kind: string };
  ledgerTransactionId: string;
  recordedBy: string;
};

export async function insertSession(sequelize: Sequelize, s: NewSession, transaction: Transaction): Promise<SessionRow> {
  const [row] = await queryRows<SessionRow>(
    sequelize,
    `INSERT INTO voucher_sessions (id, voucher_id, centre_id, session_date, hours, counsellor, kind, ledger_transaction_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [s.id, s.voucherId, s.centreId, s.session.date, s.session.hours.toFixed(2), s.session.counsellor, s.session.kind, s.ledgerTransactionId, s.recordedBy],
    { transaction },
  );
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export async function sessionsOfVoucher(sequelize: Sequelize, voucherId: string, transaction?: Transaction): Promise<SessionRow[]> {
  return queryRows<SessionRow>(sequelize, `SELECT * FROM voucher_sessions WHERE voucher_id = $1 ORDER BY session_date, created_at`, [voucherId], { transaction });
}

export async function findSession(sequelize: Sequelize, id: string, transaction: Transaction): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(sequelize, `SELECT * FROM voucher_sessions WHERE id = $1 FOR UPDATE`, [id], { transaction });
  return row;
}

export async function markReversed(sequelize: Sequelize, id: string, reversalId: string, transaction: Transaction): Promise<SessionRow | undefined> {
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

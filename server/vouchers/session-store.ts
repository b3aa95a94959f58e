// Sessions recorded on cheques (written by voucher_record_session.sql). A session is never
// deleted: an upheld dispute marks it reversed and names the ledger reversal; one settlement
// already paid is owed back by a correction (settlement/settlement-corrections.ts).
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { IdempotencyClaim, StatementAnswer } from '../http/idempotency.js';

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

/** A session row as the database writes it in JSON (voucher_record_session's outcome): timestamps as text. */
export type SessionJson = Omit<SessionRow, 'created_at' | 'reversed_at'> & { created_at: string; reversed_at: string | null };

export type SessionRecording = {
  centreId: string;
  code: string;
  date: string;
  hours: string;
  counsellor: string;
  kind: string;
  today: string;
  recordedBy: string;
};

/** The one statement that claims the key and records the session (voucher_record_session.sql). */
export async function recordSessionStatement(sequelize: Sequelize, claim: IdempotencyClaim, session: SessionRecording) {
  const [answer] = await queryRows<StatementAnswer>(
    sequelize,
    `SELECT * FROM voucher_record_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      claim.scope,
      claim.key,
      claim.fingerprint,
      session.centreId,
      session.code,
      session.date,
      session.hours,
      session.counsellor,
      session.kind,
      session.today,
      session.recordedBy,
    ],
  );
  if (!answer) throw new Error('voucher_record_session returned no answer');
  return answer;
}

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

/** How many sessions recorded on the cheque still stand (not reversed). */
export async function recordedSessionCount(sequelize: Sequelize, voucherId: string, transaction: Transaction): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    sequelize,
    `SELECT count(*) AS n FROM voucher_sessions WHERE voucher_id = $1 AND status = 'recorded'`,
    [voucherId],
    { transaction },
  );
  return Number(row?.n ?? 0);
}

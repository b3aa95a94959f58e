// Data access for settlement runs: the runs' lock, the sources not yet on a statement line, and
// the corrections a centre owes back. Statements and their lines are statement-store.ts's.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

/**
 * Holds a programme's settlement runs until the transaction ends: a run takes it before it reads
 * what is due, and a dispute's resolution before it decides whether the session was settled.
 */
export async function lockSettlementRuns(sequelize: Sequelize, code: string, transaction: Transaction): Promise<void> {
  await queryRows(sequelize, `SELECT pg_advisory_xact_lock(hashtext('settlement:' || $1))`, [code], { transaction });
}

export type DueSessionRow = {
  id: string;
  centre_id: string;
  session_date: string;
  hours: string;
  code: string;
  fee_at_grant: string | null;
};

/** Recorded sessions of the programme up to `periodEnd`, not yet paid and not under an open dispute. */
export function dueSessions(sequelize: Sequelize, code: string, periodEnd: string, transaction: Transaction): Promise<DueSessionRow[]> {
  return queryRows<DueSessionRow>(
    sequelize,
    `SELECT s.id, s.centre_id, s.session_date, s.hours, v.code, e.hourly_fee AS fee_at_grant
     FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id JOIN entitlements e ON e.id = v.entitlement_id
     WHERE v.programme_code = $1 AND s.status = 'recorded' AND s.session_date <= $2
       AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.source_type = 'voucher_session' AND l.source_id = s.id AND l.sign = 1)
       AND NOT EXISTS (SELECT 1 FROM voucher_disputes d WHERE d.session_id = s.id AND d.status = 'open')
     ORDER BY s.centre_id, s.session_date, s.id`,
    [code, periodEnd],
    { transaction },
  );
}

export type DueApplicationRow = { id: string; centre_id: string; claimed_on: string; funded_amount: string; reference: string };

/** Claimed applications of the programme (their entitlement's) in its currency up to `periodEnd`, not yet paid. */
export function dueApplications(
  sequelize: Sequelize,
  programme: { code: string; currency: string },
  periodEnd: string,
  transaction: Transaction,
): Promise<DueApplicationRow[]> {
  return queryRows<DueApplicationRow>(
    sequelize,
    `SELECT a.id, a.centre_id, (a.claimed_at AT TIME ZONE 'UTC')::date AS claimed_on, a.funded_amount, a.reference
     FROM applications a JOIN entitlements e ON e.id = a.entitlement_id
     WHERE e.programme_code = $1 AND a.currency = $2 AND a.status = 'claimed' AND (a.claimed_at AT TIME ZONE 'UTC')::date <= $3
       AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.source_type = 'application' AND l.source_id = a.id AND l.sign = 1)
     ORDER BY a.centre_id, a.claimed_at, a.id`,
    [programme.code, programme.currency, periodEnd],
    { transaction },
  );
}

export type SettledSession = {
  programme_code: string;
  currency: string;
  centre_id: string;
  session_date: string;
  hours: string;
  amount: string;
  fee_at_grant: string | null;
  code: string;
};

/** The statement line that paid a session, with what the session was; undefined when it was never paid. */
export async function settledSession(
  sequelize: Sequelize,
  sessionId: string,
  transaction: Transaction,
): Promise<SettledSession | undefined> {
  const [row] = await queryRows<SettledSession>(
    sequelize,
    `SELECT st.programme_code, st.currency, st.centre_id, s.session_date, s.hours, l.amount, e.hourly_fee AS fee_at_grant, v.code
     FROM statement_lines l JOIN statements st ON st.id = l.statement_id JOIN voucher_sessions s ON s.id = l.source_id
     JOIN vouchers v ON v.id = s.voucher_id JOIN entitlements e ON e.id = v.entitlement_id
     WHERE l.source_type = 'voucher_session' AND l.source_id = $1 AND l.sign = 1`,
    [sessionId],
    { transaction },
  );
  return row;
}

/** The correction an upheld dispute booked, if it booked one. */
export async function correctionOfDisputeRow(
  sequelize: Sequelize,
  disputeId: string,
): Promise<{ id: string; amount: string; currency: string; transaction_id: string; description: string } | undefined> {
  const [row] = await queryRows<{ id: string; amount: string; currency: string; transaction_id: string; description: string }>(
    sequelize,
    `SELECT id, amount, currency, transaction_id, description FROM settlement_corrections WHERE dispute_id = $1`,
    [disputeId],
  );
  return row;
}

export async function insertCorrection(
  sequelize: Sequelize,
  correction: {
    code: string;
    centreId: string;
    currency: string;
    disputeId: string;
    sessionId: string;
    amount: string;
    transactionId: string;
    description: string;
  },
  transaction: Transaction,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO settlement_corrections (programme_code, centre_id, currency, dispute_id, session_id, amount, transaction_id, description)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      correction.code,
      correction.centreId,
      correction.currency,
      correction.disputeId,
      correction.sessionId,
      correction.amount,
      correction.transactionId,
      correction.description,
    ],
    { transaction },
  );
  if (!row) throw new Error('settlement correction insert returned no row');
  return row.id;
}

export type OwedCorrection = { id: string; centre_id: string; session_date: string; description: string; owed: string };

/** A programme's corrections still owed after what statements netted, oldest first. */
export function owedCorrectionRows(sequelize: Sequelize, code: string, transaction: Transaction): Promise<OwedCorrection[]> {
  return queryRows<OwedCorrection>(
    sequelize,
    `SELECT c.id, c.centre_id, s.session_date, c.description, c.amount + coalesce(n.netted, 0) AS owed
     FROM settlement_corrections c JOIN voucher_sessions s ON s.id = c.session_id
     LEFT JOIN (SELECT source_id, sum(amount) AS netted FROM statement_lines WHERE source_type = 'correction' GROUP BY source_id) n ON n.source_id = c.id
     WHERE c.programme_code = $1 AND c.amount + coalesce(n.netted, 0) > 0
     ORDER BY c.created_at, c.id`,
    [code],
    { transaction },
  );
}

// Disputes of sessions: at most one open per session (a partial unique index), resolved once.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { SessionRow } from './session-store.js';

export type DisputeRow = {
  id: string;
  session_id: string;
  voucher_id: string;
  citizen_id: string;
  reason: string;
  status: 'open' | 'upheld' | 'rejected';
  note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
};

export async function insertDispute(
  sequelize: Sequelize,
  dispute: { sessionId: string; voucherId: string; citizenId: string; reason: string },
  transaction: Transaction,
): Promise<DisputeRow | undefined> {
  const [row] = await queryRows<DisputeRow>(
    sequelize,
    `INSERT INTO voucher_disputes (session_id, voucher_id, citizen_id, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (session_id) WHERE status = 'open' DO NOTHING RETURNING *`,
    [dispute.sessionId, dispute.voucherId, dispute.citizenId, dispute.reason],
    { transaction },
  );
  return row;
}

/** The disputes of these cheques' sessions, the latest of each session last. */
export async function disputesOfVouchers(sequelize: Sequelize, voucherIds: readonly string[]): Promise<DisputeRow[]> {
  return queryRows<DisputeRow>(sequelize, `SELECT * FROM voucher_disputes WHERE voucher_id = ANY($1::uuid[]) ORDER BY created_at, id`, [
    voucherIds,
  ]);
}

export async function findDispute(sequelize: Sequelize, id: string, transaction: Transaction): Promise<DisputeRow | undefined> {
  const [row] = await queryRows<DisputeRow>(sequelize, `SELECT * FROM voucher_disputes WHERE id = $1 FOR UPDATE`, [id], { transaction });
  return row;
}

export async function resolveDisputeRow(
  sequelize: Sequelize,
  id: string,
  resolution: { status: 'upheld' | 'rejected'; note: string; resolvedBy: string },
  transaction: Transaction,
): Promise<DisputeRow | undefined> {
  const [row] = await queryRows<DisputeRow>(
    sequelize,
    `UPDATE voucher_disputes SET status = $2, note = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING *`,
    [id, resolution.status, resolution.note, resolution.resolvedBy],
    { transaction },
  );
  return row;
}

export type DisputeDetailRow = DisputeRow & { voucher_code: string; programme_code: string; session: SessionRow };

/** A dispute with its cheque's code and programme and the disputed session, read without locks. */
export async function readDisputeRow(sequelize: Sequelize, id: string): Promise<DisputeDetailRow | undefined> {
  const [row] = await queryRows<DisputeRow & { voucher_code: string; programme_code: string }>(
    sequelize,
    `SELECT d.*, v.code AS voucher_code, v.programme_code FROM voucher_disputes d JOIN vouchers v ON v.id = d.voucher_id WHERE d.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const [session] = await queryRows<SessionRow>(sequelize, `SELECT * FROM voucher_sessions WHERE id = $1`, [row.session_id]);
  if (!session) throw new Error(`dispute ${id} names a missing session`);
  return { ...row, session };
}

/** Newest first by (created_at, id), keyset-paginated. */
export async function listDisputeRows(
  sequelize: Sequelize,
  filter: { status: string | undefined; after: [string, string] | undefined; limit: number },
): Promise<(DisputeRow & { voucher_code: string; cursor_at: string })[]> {
  return queryRows(
    sequelize,
    `SELECT d.*, v.code AS voucher_code, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cursor_at
     FROM voucher_disputes d JOIN vouchers v ON v.id = d.voucher_id
     WHERE ($1::text IS NULL OR d.status = $1)
       AND ($2::timestamp IS NULL OR (d.created_at AT TIME ZONE 'UTC', d.id) < ($2::timestamp, $3::uuid))
     ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
    [filter.status ?? null, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit + 1],
  );
}

export const disputeView = (row: DisputeRow & { voucher_code?: string }) => ({
  id: row.id,
  sessionId: row.session_id,
  voucherCode: row.voucher_code,
  status: row.status,
  reason: row.reason,
  note: row.note,
  resolvedBy: row.resolved_by,
  resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  createdAt: row.created_at.toISOString(),
});

/** Whether a dispute on a session this centre recorded on the cheque was upheld. */
export async function upheldAtCentre(
  sequelize: Sequelize,
  voucherId: string,
  centreId: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    sequelize,
    `SELECT 1 FROM voucher_disputes d JOIN voucher_sessions s ON s.id = d.session_id
     WHERE d.voucher_id = $1 AND d.status = 'upheld' AND s.centre_id = $2 LIMIT 1`,
    [voucherId, centreId],
    { transaction },
  );
  return rows.length > 0;
}

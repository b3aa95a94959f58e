// Data access for signal cases (migration 33): opened once per kind and subject (a finding seen
// again, by the job or a second instance at the same time, opens nothing), closed once with a reason.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { Finding, SignalKind, SignalRow } from './signal-detectors.js';

export type SignalCaseRow = {
  id: string;
  kind: SignalKind;
  subject: string;
  centre_id: string | null;
  centre_name: string | null;
  facts: Record<string, string | number | boolean | null>;
  rows: SignalRow[];
  status: 'open' | 'closed';
  detected_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  closed_by_email: string | null;
  close_reason: string | null;
};

const SELECT_CASE = `SELECT s.*, c.name AS centre_name, u.email AS closed_by_email
  FROM signal_cases s LEFT JOIN centres c ON c.id = s.centre_id LEFT JOIN users u ON u.id = s.closed_by`;

/** The case opened for this finding, or undefined when one (open or closed) exists for its kind and subject. */
export async function openCase(
  sequelize: Sequelize,
  finding: Finding,
  now: Date,
  transaction: Transaction,
): Promise<{ id: string } | undefined> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO signal_cases (kind, subject, centre_id, facts, rows, detected_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (kind, subject) DO NOTHING RETURNING id`,
    [finding.kind, finding.subject, finding.centreId, JSON.stringify(finding.facts), JSON.stringify(finding.rows), now.toISOString()],
    { transaction },
  );
  return row;
}

export const recordDetection = (sequelize: Sequelize, run: { startedAt: Date; opened: number; requestedBy: string | null }) =>
  queryRows(sequelize, `INSERT INTO signal_detections (started_at, opened, requested_by) VALUES ($1, $2, $3)`, [
    run.startedAt.toISOString(),
    run.opened,
    run.requestedBy,
  ]);

/** Whether a detection started in the `minutes` before `now` (later ones, from a clock set ahead in tests, do not count). */
export async function detectedWithin(sequelize: Sequelize, now: Date, minutes: number): Promise<boolean> {
  const rows = await queryRows(
    sequelize,
    `SELECT 1 FROM signal_detections WHERE started_at > $1::timestamptz - make_interval(mins => $2) AND started_at <= $1::timestamptz LIMIT 1`,
    [now.toISOString(), minutes],
  );
  return rows.length > 0;
}

export async function lastDetection(sequelize: Sequelize): Promise<Date | undefined> {
  const [row] = await queryRows<{ started_at: Date }>(sequelize, `SELECT started_at FROM signal_detections ORDER BY id DESC LIMIT 1`);
  return row?.started_at;
}

export type CaseFilter = { status?: 'open' | 'closed' | undefined; kind?: SignalKind | undefined; centreId?: string | undefined };

export const findCases = (
  sequelize: Sequelize,
  filter: CaseFilter,
  page: { before: [string, string] | undefined; limit: number; offset?: number },
) =>
  queryRows<SignalCaseRow>(
    sequelize,
    `${SELECT_CASE}
     WHERE ($1::text IS NULL OR s.status = $1) AND ($2::text IS NULL OR s.kind = $2) AND ($3::uuid IS NULL OR s.centre_id = $3)
       AND ($4::timestamptz IS NULL OR (s.detected_at, s.id) < ($4::timestamptz, $5::uuid))
     ORDER BY s.detected_at DESC, s.id DESC LIMIT $6 OFFSET $7`,
    [
      filter.status ?? null,
      filter.kind ?? null,
      filter.centreId ?? null,
      page.before?.[0] ?? null,
      page.before?.[1] ?? null,
      page.limit,
      page.offset ?? 0,
    ],
  );

export async function countCases(sequelize: Sequelize, filter: CaseFilter): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    sequelize,
    `SELECT count(*)::integer AS n FROM signal_cases s
      WHERE ($1::text IS NULL OR s.status = $1) AND ($2::text IS NULL OR s.kind = $2) AND ($3::uuid IS NULL OR s.centre_id = $3)`,
    [filter.status ?? null, filter.kind ?? null, filter.centreId ?? null],
  );
  return row?.n ?? 0;
}

export async function findCase(sequelize: Sequelize, id: string, options: { transaction?: Transaction; forUpdate?: boolean } = {}) {
  const [row] = await queryRows<SignalCaseRow>(
    sequelize,
    options.forUpdate ? `${SELECT_CASE} WHERE s.id = $1 FOR UPDATE OF s` : `${SELECT_CASE} WHERE s.id = $1`,
    [id],
    options.transaction ? { transaction: options.transaction } : {},
  );
  return row;
}

export async function recordClose(
  sequelize: Sequelize,
  transaction: Transaction,
  id: string,
  close: { closedBy: string; closedAt: Date; reason: string },
): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE signal_cases SET status = 'closed', closed_at = $2, closed_by = $3, close_reason = $4 WHERE id = $1 AND status = 'open'`,
    [id, close.closedAt.toISOString(), close.closedBy, close.reason],
    { transaction },
  );
}

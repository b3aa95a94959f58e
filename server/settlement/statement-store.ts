// Settlement runs, statements and their lines: plain rows in, plain objects out.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { decodeTimeIdCursor, encodeCursor, type Page } from '../shared/pagination.js';
import type { DueLine } from './settlement-sources.js';

export type StatementRow = {
  id: string;
  run_id: string;
  programme_code: string;
  centre_id: string;
  period_end: string;
  currency: string;
  total: string;
  /** What the centre's corrections still owe after this statement. */
  carried_forward: string;
  status: 'open' | 'paid';
  settle_transaction_id: string | null;
  pay_transaction_id: string | null;
  paid_at: Date | null;
  created_at: Date;
};

export type LineRow = {
  id: string;
  statement_id: string;
  source_type: string;
  source_id: string;
  sign: number;
  service_date: string;
  hours: string | null;
  rate: string | null;
  amount: string;
  carried_forward: string | null;
  description: string;
  /** A correction line: the upheld dispute and the session it claws back. */
  dispute_id: string | null;
  session_id: string | null;
};

export type Statement = StatementRow & { lines: LineRow[] };

export async function insertRun(
  sequelize: Sequelize,
  run: { code: string; periodEnd: string; createdBy: string | null },
  transaction: Transaction,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO settlement_runs (programme_code, period_end, created_by) VALUES ($1, $2, $3) RETURNING id`,
    [run.code, run.periodEnd, run.createdBy],
    { transaction },
  );
  if (!row) throw new Error('settlement run insert returned no row');
  return row.id;
}

export async function insertStatement(
  sequelize: Sequelize,
  statement: {
    runId: string;
    code: string;
    centreId: string;
    periodEnd: string;
    currency: string;
    total: Decimal;
    carriedForward: Decimal;
    lines: DueLine[];
  },
  transaction: Transaction,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO statements (run_id, programme_code, centre_id, period_end, currency, total, carried_forward) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      statement.runId,
      statement.code,
      statement.centreId,
      statement.periodEnd,
      statement.currency,
      statement.total.toFixed(2),
      statement.carriedForward.toFixed(2),
    ],
    { transaction },
  );
  if (!row) throw new Error('statement insert returned no row');
  const lines = statement.lines;
  await queryRows(
    sequelize,
    `INSERT INTO statement_lines (statement_id, source_type, source_id, sign, service_date, hours, rate, amount, description, carried_forward)
     SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::smallint[], $5::date[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::numeric[])`,
    [
      row.id,
      lines.map((line) => line.sourceType),
      lines.map((line) => line.sourceId),
      lines.map((line) => line.sign),
      lines.map((line) => line.serviceDate),
      lines.map((line) => line.hours?.toFixed(2) ?? null),
      lines.map((line) => line.rate?.toFixed(3) ?? null),
      lines.map((line) => line.amount.toFixed(2)),
      lines.map((line) => line.description),
      lines.map((line) => line.carriedForward?.toFixed(2) ?? null),
    ],
    { transaction },
  );
  return row.id;
}

export async function markSettled(sequelize: Sequelize, statementId: string, transactionId: string, transaction: Transaction) {
  await queryRows(sequelize, `UPDATE statements SET settle_transaction_id = $2 WHERE id = $1`, [statementId, transactionId], {
    transaction,
  });
}

export async function markPaid(
  sequelize: Sequelize,
  paid: { statementId: string; transactionId: string | null; at: Date; by: string | null },
  transaction: Transaction,
) {
  await queryRows(
    sequelize,
    `UPDATE statements SET status = 'paid', pay_transaction_id = $2, paid_at = $3, paid_by = $4 WHERE id = $1`,
    [paid.statementId, paid.transactionId, paid.at, paid.by],
    { transaction },
  );
}

/** One statement with its lines; `lock` takes the row FOR UPDATE (payment). */
export async function findStatement(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<Statement | undefined> {
  const [row] = await queryRows<StatementRow>(
    sequelize,
    `SELECT * FROM statements WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
    { transaction: options.transaction },
  );
  return row && (await withLines(sequelize, [row], options.transaction))[0];
}

export async function statementsOfRun(sequelize: Sequelize, runId: string, transaction: Transaction): Promise<Statement[]> {
  const rows = await queryRows<StatementRow>(sequelize, `SELECT * FROM statements WHERE run_id = $1 ORDER BY centre_id`, [runId], {
    transaction,
  });
  return withLines(sequelize, rows, transaction);
}

/** A centre's statements, newest first, keyset-paginated on (created_at, id). */
export async function statementsOfCentre(
  sequelize: Sequelize,
  centreId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<Statement>> {
  const after = decodeTimeIdCursor(page.cursor);
  // The cursor keeps created_at to the microsecond, so rows made in the same millisecond are not skipped.
  const rows = await queryRows<StatementRow & { cursor_at: string }>(
    sequelize,
    `SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at FROM statements WHERE centre_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [centreId, after?.[0] ?? null, after?.[1] ?? null, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const items = await withLines(
    sequelize,
    shown.map(({ cursor_at: _cursor, ...row }) => row),
  );
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.cursor_at, last.id]) : null };
}

async function withLines(sequelize: Sequelize, rows: StatementRow[], transaction?: Transaction): Promise<Statement[]> {
  if (rows.length === 0) return [];
  const lines = await queryRows<LineRow>(
    sequelize,
    `SELECT l.*, c.dispute_id, c.session_id FROM statement_lines l
     LEFT JOIN settlement_corrections c ON l.source_type = 'correction' AND c.id = l.source_id
     WHERE l.statement_id = ANY($1::uuid[]) ORDER BY l.statement_id, l.sign DESC, l.service_date, l.id`,
    [rows.map((row) => row.id)],
    { transaction },
  );
  return rows.map((row) => ({ ...row, lines: lines.filter((line) => line.statement_id === row.id) }));
}

/** The staff of a centre, told when its statement is paid. */
export async function centreStaffIds(sequelize: Sequelize, centreId: string, transaction: Transaction): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(sequelize, `SELECT id FROM users WHERE centre_id = $1 AND role = 'centre'`, [centreId], {
    transaction,
  });
  return rows.map((row) => row.id);
}

export const sumAmounts = (lines: DueLine[]) => lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));

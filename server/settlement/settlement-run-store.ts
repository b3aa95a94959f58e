// Settlement runs as administrators read them back: one run, and the runs newest first with their
// statements' count, total and how many are paid (keyset-paginated on created_at, id).
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type RunRow = {
  id: string;
  programme_code: string;
  period_end: string;
  created_by: string | null;
  created_at: Date;
  currency: string;
  statements: number;
  paid: number;
  total: string;
};

const RUN = `SELECT r.id, r.programme_code, r.period_end, r.created_by, r.created_at, p.currency,
       count(s.id)::int AS statements, count(s.id) FILTER (WHERE s.status = 'paid')::int AS paid, coalesce(sum(s.total), 0)::text AS total,
       to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
     FROM settlement_runs r JOIN programmes p ON p.code = r.programme_code LEFT JOIN statements s ON s.run_id = r.id`;

export async function findRun(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<RunRow | undefined> {
  const [row] = await queryRows<RunRow & { cursor_at: string }>(sequelize, `${RUN} WHERE r.id = $1 GROUP BY r.id, p.currency`, [id], {
    transaction,
  });
  if (!row) return undefined;
  const { cursor_at: _cursor, ...run } = row;
  return run;
}

export async function listRuns(
  sequelize: Sequelize,
  filter: { programme: string | undefined; after: [string, string] | undefined; limit: number },
): Promise<(RunRow & { cursor_at: string })[]> {
  return queryRows<RunRow & { cursor_at: string }>(
    sequelize,
    `${RUN} WHERE ($1::text IS NULL OR r.programme_code = $1) AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2::timestamptz, $3::uuid))
     GROUP BY r.id, p.currency ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
    [filter.programme ?? null, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit],
  );
}

// Settlement runs read back (administrators and auditors): the runs newest first with their
// statements' count, total and how many are paid; and one run with its statements and its files.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { inTransaction } from '../db/database.js';
import { notFound } from '../errors.js';
import { money } from '../http/schemas.js';
import { decodeTimeIdCursor, toPage } from '../shared/pagination.js';
import { runPaymentFiles } from './payment-file-service.js';
import { findRun, listRuns, type RunRow } from './settlement-run-store.js';
import { statementsOfRun } from './statement-store.js';
import { toStatementView } from './statement-view.js';

const runView = (row: RunRow) => ({
  id: row.id,
  programme: row.programme_code,
  periodEnd: row.period_end,
  statements: row.statements,
  paid: row.paid,
  total: money(new Decimal(row.total), row.currency),
  createdAt: row.created_at.toISOString(),
});

export type RunSummary = ReturnType<typeof runView>;

export async function settlementRuns(
  sequelize: Sequelize,
  query: { programme?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeTimeIdCursor(query.cursor);
  const rows = await listRuns(sequelize, { programme: query.programme, after, limit: query.limit + 1 });
  return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], runView);
}

/** One run with its statements (by centre) and the SEPA files made of it. */
export async function settlementRunOf(sequelize: Sequelize, id: string) {
  const run = await findRun(sequelize, id);
  if (!run) throw notFound('Settlement run');
  const statements = await inTransaction(sequelize, undefined, (t) => statementsOfRun(sequelize, id, t));
  return { ...runView(run), statementList: statements.map(toStatementView), paymentFiles: await runPaymentFiles(sequelize, id) };
}

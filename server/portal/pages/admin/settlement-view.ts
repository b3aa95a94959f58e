// What the settlement pages show: runs, statements with their lines and corrections, and SEPA
// files, with amounts and dates through `format` and names instead of ids.
import type { AppContext } from '../../../app-context.js';
import { centreName } from '../../../centres/centres.js';
import type { PaymentFileView, RunSummary, StatementView } from '../../../settlement/settlement.js';
import type { Language } from '../../../shared/language.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

export type Shown = { t: Translate; format: Formats; language: Language };

/** The centres' names, by id (a centre that vanished shows its id). */
export async function centreNames(app: AppContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, (await centreName(app.sequelize, id)) ?? id);
  return names;
}

export function runShown(run: RunSummary, programmes: Map<string, string>, { format }: Shown) {
  return {
    id: run.id,
    programme: programmes.get(run.programme) ?? run.programme,
    periodEnd: format.date(run.periodEnd),
    statements: run.statements,
    paid: run.paid,
    total: format.money(run.total.amount, run.total.currency),
    createdOn: format.date(run.createdAt),
  };
}

export function statementShown(statement: StatementView, centre: string, { t, format }: Shown) {
  const money = (amount: string) => format.money(amount, statement.total.currency);
  return {
    id: statement.id,
    runId: statement.runId,
    centreId: statement.centreId,
    centre,
    statusCode: statement.status,
    status: t(`adminSettlement.status.${statement.status}`),
    periodEnd: format.date(statement.periodEnd),
    total: money(statement.total.amount),
    payable: statement.total.amount !== '0.00',
    carriedForward: statement.carriedForward.amount === '0.00' ? undefined : money(statement.carriedForward.amount),
    paidOn: statement.paidAt ? format.date(statement.paidAt) : undefined,
    lines: statement.lines.map((line) => ({
      date: format.date(line.serviceDate),
      description: line.description,
      correction: line.correction,
      hours: line.hours ? format.hours(line.hours.amount) : '',
      rate: line.rate ? money(line.rate.amount) : '',
      amount: money(line.amount.amount),
    })),
  };
}

export function fileShown(file: PaymentFileView, { format }: Shown) {
  return {
    id: file.id,
    messageId: file.messageId,
    transactions: file.transactions,
    total: format.money(file.controlSum.amount, file.controlSum.currency),
    executionDate: format.date(file.executionDate),
    createdOn: format.date(file.createdAt),
  };
}

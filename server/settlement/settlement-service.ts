// A settlement run: per programme and period end, one statement per centre of everything owed and
// not yet settled. Runs of one programme are serialised by an advisory lock, and each source sits
// on one line at most (UNIQUE), so a rerun or an overlapping period pays nothing twice.
// Ledger: an LBC statement moves its total to the centre's payable [settle], from the programme's
// commitments what was committed for its hours at grant, and from the budget the rest: the fee
// in force on a session's date may be higher than the fee of the grant (or lower: the surplus
// returns to the budget), and the commitments of other citizens' rights are never spent on it.
// ITA claims were captured into the payable already, so they only get listed.
// What a centre owes back after an upheld dispute (settlement-corrections.ts) is netted by
// correction lines, as far as the statement's positive lines cover it; the rest is carried
// forward to its next statement, so a statement's total is never negative and nothing is dropped.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { inTransaction } from '../db/database.js';
import { AppError, conflict, notFound } from '../errors.js';
import { postTransaction } from '../ledger/ledger.js';
import { afterBudgetCharge, findProgramme, openBudgetAccounts } from '../programmes/programmes.js';
import { openCentrePayable, openCentreReceivable } from './settlement-accounts.js';
import { correctionLines, owedCorrections } from './settlement-corrections.js';
import { dueApplicationLines, dueSessionLines, type DueLine } from './settlement-sources.js';
import { lockSettlementRuns, type OwedCorrection } from './settlement-store.js';
import { insertRun, insertStatement, markSettled, statementsOfRun, sumAmounts } from './statement-store.js';
import { toStatementView } from './statement-view.js';
import { openCommitments } from '../entitlements/entitlements.js';

export type SettlementRequest = {
  code: string;
  periodEnd: string;
  businessDate: string;
  actor: AuditEntry['actor'];
  requestId?: string;
};

export async function runSettlement(sequelize: Sequelize, request: SettlementRequest, transaction?: Transaction) {
  return inTransaction(sequelize, transaction, async (t) => {
    const programme = await findProgramme(sequelize, request.code, t);
    if (!programme) throw notFound(`Programme ${request.code}`);
    await lockSettlementRuns(sequelize, request.code, t);
    // Voucher programmes are paid per session; the others per claimed application.
    const dueLines =
      programme.unit === 'HOUR'
        ? await dueSessionLines(sequelize, request.code, request.periodEnd, t)
        : await dueApplicationLines(sequelize, programme, request.periodEnd, t);
    const runId = await insertRun(sequelize, { code: request.code, periodEnd: request.periodEnd, createdBy: request.actor.userId }, t);
    const currency = programme.currency;
    const owed = programme.unit === 'HOUR' ? await owedCorrections(sequelize, request.code, t) : new Map<string, OwedCorrection[]>();
    for (const [centreId, due] of byCentre(dueLines)) {
      const earned = sumAmounts(due);
      const corrections = correctionLines(owed.get(centreId) ?? [], earned);
      const lines = [...due, ...corrections];
      // What the corrections net comes off the payable and pays back the centre's receivable.
      const netted = sumAmounts(corrections).negated();
      const total = earned.minus(netted);
      const carriedForward = corrections.reduce((sum, line) => sum.plus(line.carriedForward ?? 0), new Decimal(0));
      const statementId = await insertStatement(
        sequelize,
        { runId, code: request.code, centreId, periodEnd: request.periodEnd, currency, total, carriedForward, lines },
        t,
      );
      if (programme.unit !== 'HOUR') continue;
      const committed = due.reduce((sum, line) => sum.plus(line.committed ?? 0), new Decimal(0));
      if (earned.isZero() && committed.isZero()) continue;
      const fromBudget = earned.minus(committed);
      const { budgetAccountId } = await openBudgetAccounts(sequelize, request.code, t);
      const posted = await postTransaction(
        sequelize,
        {
          kind: 'settle',
          businessDate: request.businessDate,
          idempotencyKey: `settlement-statement:${statementId}`,
          metadata: {
            statementId,
            centreId,
            programme: request.code,
            periodEnd: request.periodEnd,
            committed: committed.toFixed(2),
            fromBudget: fromBudget.toFixed(2),
            netted: netted.toFixed(2),
          },
          entries: [
            { accountId: await openCommitments(sequelize, request.code, currency, t), amount: committed.negated() },
            { accountId: budgetAccountId, amount: fromBudget.negated() },
            { accountId: await openCentrePayable(sequelize, request.code, centreId, currency, t), amount: total },
            { accountId: await openCentreReceivable(sequelize, request.code, centreId, currency, t), amount: netted },
          ],
        },
        t,
      ).catch((error: unknown) => {
        throw budgetShort(error, budgetAccountId, { centreId, fromBudget, currency });
      });
      await markSettled(sequelize, statementId, posted.transactionId, t);
      if (fromBudget.gt(0)) await afterBudgetCharge(sequelize, request.code, t);
    }
    const statements = (await statementsOfRun(sequelize, runId, t)).map(toStatementView);
    await recordAudit(sequelize, t, {
      actor: request.actor,
      action: 'settlement.run',
      entityType: 'settlement_run',
      entityId: runId,
      before: null,
      after: {
        programme: request.code,
        periodEnd: request.periodEnd,
        statements: statements.map((s) => ({ id: s.id, centreId: s.centreId, total: s.total })),
      },
      requestId: request.requestId,
    });
    return { id: runId, programme: request.code, periodEnd: request.periodEnd, statements };
  });
}

/** The budget is the account that may run short here: the fee rose and the programme's money is spent. */
function budgetShort(error: unknown, budgetAccountId: string, short: { centreId: string; fromBudget: Decimal; currency: string }): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict(
      'budget_exhausted',
      `The fee in force on the sessions is higher than the fee their rights were granted at, and the budget cannot pay the ${short.currency} ${short.fromBudget.toFixed(2)} more that centre ${short.centreId} is owed. Fund the budget and run the settlement again; nothing was settled.`,
      { reason: 'fee_rise_unfunded', centreId: short.centreId, needed: { amount: short.fromBudget.toFixed(2), currency: short.currency } },
    );
  }
  return error;
}

function byCentre(lines: DueLine[]): Map<string, DueLine[]> {
  const groups = new Map<string, DueLine[]>();
  for (const line of lines) {
    const group = groups.get(line.centreId);
    if (group) group.push(line);
    else groups.set(line.centreId, [line]);
  }
  return groups;
}

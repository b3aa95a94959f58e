// A settlement run: per programme and period end, one statement per centre of everything owed and
// not yet settled. Runs of one programme are serialised by an advisory lock, and each source sits
// on one line at most (UNIQUE), so a rerun or an overlapping period pays nothing twice.
// Ledger: an LBC statement moves its total from the programme's commitments to the centre's
// payable [settle]; ITA claims were captured into the payable already, so they only get listed.
import type { Sequelize, Transaction } from 'sequelize';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { inTransaction, queryRows } from '../db/database.js';
import { openCommitments } from '../entitlements/programme-accounts.js';
import { notFound } from '../errors.js';
import type { LedgerUnit } from '../ledger/ledger-accounts.js';
import { postTransaction } from '../ledger/ledger-postings.js';
import { findProgramme } from '../programmes/programme-store.js';
import { openCentrePayable } from './settlement-accounts.js';
import { dueApplicationLines, dueSessionLines, type DueLine } from './settlement-sources.js';
import { insertRun, insertStatement, markSettled, statementsOfRun, sumAmounts } from './statement-store.js';
import { toStatementView } from './statement-view.js';

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
    await queryRows(sequelize, `SELECT pg_advisory_xact_lock(hashtext('settlement:' || $1))`, [request.code], { transaction: t });
    // Voucher programmes are paid per session; the others per claimed application.
    const due = programme.unit === 'HOUR'
      ? await dueSessionLines(sequelize, request.code, request.periodEnd, t)
      : await dueApplicationLines(sequelize, programme, request.periodEnd, t);
    const runId = await insertRun(sequelize, { code: request.code, periodEnd: request.periodEnd, createdBy: request.actor.userId }, t);
    const currency = programme.currency as LedgerUnit;
    for (const [centreId, lines] of byCentre(due)) {
      const total = sumAmounts(lines);
      // A correction larger than what the centre is owed now waits for a later run to absorb it:
      // the payable account never goes negative.
      if (total.isNegative()) continue;
      const statementId = await insertStatement(sequelize, { runId, code: request.code, centreId, periodEnd: request.periodEnd, currency, total, lines }, t);
      if (programme.unit !== 'HOUR' || total.isZero()) continue;
      const posted = await postTransaction(
        sequelize,
        {
          kind: 'settle',
          businessDate: request.businessDate,
          idempotencyKey: `settlement-statement:${statementId}`,
          metadata: { statementId, centreId, programme: request.code, periodEnd: request.periodEnd },
          entries: [
            { accountId: await openCommitments(sequelize, request.code, currency, t), amount: total.negated() },
            { accountId: await openCentrePayable(sequelize, request.code, centreId, currency, t), amount: total },
          ],
        },
        t,
      );
      await markSettled(sequelize, statementId, posted.transactionId, t);
    }
    const statements = (await statementsOfRun(sequelize, runId, t)).map(toStatementView);
    await recordAudit(sequelize, t, {
      actor: request.actor,
      action: 'settlement.run',
      entityType: 'settlement_run',
      entityId: runId,
      before: null,
      after: { programme: request.code, periodEnd: request.periodEnd, statements: statements.map((s) => ({ id: s.id, centreId: s.centreId, total: s.total })) },
      requestId: request.requestId,
    });
    return { id: runId, programme: request.code, periodEnd: request.periodEnd, statements };
  });
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

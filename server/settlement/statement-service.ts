// Reading statements (a centre sees only its own; administrators and auditors all) and paying
// one: an administrator requests the payment, a second one approves it, and then the payable
// moves to paid [pay] in the same transaction as the status and the audit, once.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import { openChangeOf, requestChange, type ChangeApplier, type PendingChange } from '../approvals/approvals.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { assertCentreVisible } from '../centres/centres.js';
import { inTransaction } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { postTransaction } from '../ledger/ledger.js';
import { notify } from '../notifications/notifications.js';
import { openCentrePaid, openCentrePayable } from './settlement-accounts.js';
import { centreStaffIds, findStatement, markPaid, statementsOfCentre } from './statement-store.js';
import { toStatementView } from './statement-view.js';

export async function centreStatements(sequelize: Sequelize, centreId: string, page: { limit: number; cursor?: string }) {
  const found = await statementsOfCentre(sequelize, centreId, page);
  return { items: found.items.map(toStatementView), nextCursor: found.nextCursor };
}

export async function statementOf(sequelize: Sequelize, principal: Principal, statementId: string) {
  const statement = await findStatement(sequelize, statementId);
  if (!statement) throw notFound('Statement');
  try {
    assertCentreVisible(principal, statement.centre_id);
  } catch {
    throw notFound('Statement');
  }
  return toStatementView(statement);
}

/**
 * An administrator asks for a statement's payment: it is paid when a second administrator
 * approves (server/approvals/), who is shown the total asked for.
 */
export async function requestStatementPayment(
  sequelize: Sequelize,
  request: { statementId: string; actor: Principal; requestId: string },
  transaction: Transaction,
): Promise<PendingChange> {
  const statement = await findStatement(sequelize, request.statementId, { transaction });
  if (!statement) throw notFound('Statement');
  if (statement.status === 'paid') throw alreadyPaid(statement);
  const view = toStatementView(statement);
  return requestChange(
    sequelize,
    {
      kind: 'statement_payment',
      targetId: statement.id,
      payload: { programme: view.programme, centreId: statement.centre_id, periodEnd: view.periodEnd, total: view.total },
      actor: request.actor,
      requestId: request.requestId,
    },
    transaction,
  );
}

/** The request for a statement's payment still waiting for a second administrator, if any. */
export const pendingPaymentOf = (sequelize: Sequelize, statementId: string) => openChangeOf(sequelize, 'statement_payment', statementId);

const alreadyPaid = (statement: { paid_at: Date | null }) =>
  conflict('statement_paid', 'This statement has already been paid.', { paidAt: statement.paid_at?.toISOString() });

type Payment = {
  statementId: string;
  actor: AuditEntry['actor'];
  at: Date;
  businessDate: string;
  requestId?: string;
  /** The total the payment was approved for: a statement that no longer holds it is not paid. */
  expectedTotal?: string;
};

async function payStatement(sequelize: Sequelize, payment: Payment, transaction?: Transaction) {
  return inTransaction(sequelize, transaction, async (t) => {
    const statement = await findStatement(sequelize, payment.statementId, { transaction: t, lock: true });
    if (!statement) throw notFound('Statement');
    if (statement.status === 'paid') throw alreadyPaid(statement);
    const total = new Decimal(statement.total);
    if (payment.expectedTotal !== undefined && !total.eq(payment.expectedTotal)) {
      throw conflict(
        'statement_changed',
        `The statement's total is now ${total.toFixed(2)}, not the ${payment.expectedTotal} asked for; request its payment again.`,
      );
    }
    const currency = statement.currency;
    let transactionId: string | null = null;
    if (total.gt(0)) {
      const { programme_code: code, centre_id: centreId } = statement;
      const posted = await postTransaction(
        sequelize,
        {
          kind: 'pay',
          businessDate: payment.businessDate,
          idempotencyKey: `statement-payment:${statement.id}`,
          metadata: { statementId: statement.id, centreId, programme: code },
          entries: [
            { accountId: await openCentrePayable(sequelize, code, centreId, currency, t), amount: total.negated() },
            { accountId: await openCentrePaid(sequelize, code, centreId, currency, t), amount: total },
          ],
        },
        t,
      );
      transactionId = posted.transactionId;
    }
    await markPaid(sequelize, { statementId: statement.id, transactionId, at: payment.at, by: payment.actor.userId }, t);
    const paid = await findStatement(sequelize, statement.id, { transaction: t });
    if (!paid) throw new Error('a paid statement vanished');
    const view = toStatementView(paid);
    await recordAudit(sequelize, t, {
      actor: payment.actor,
      action: 'statement.paid',
      entityType: 'statement',
      entityId: statement.id,
      before: { status: statement.status },
      after: { status: view.status, total: view.total, payTransactionId: transactionId },
      requestId: payment.requestId,
    });
    await notifyCentreStaff(sequelize, t, statement.centre_id, view);
    return view;
  });
}

const paymentPayload = z.object({ total: z.object({ amount: z.string(), currency: z.string() }) });

/** An approved payment, by the approver: refused when the statement no longer holds the total approved. */
export const applyApprovedPayment: ChangeApplier = async (app, approved, transaction) => {
  const payload = paymentPayload.parse(approved.payload);
  const paid = await payStatement(
    app.sequelize,
    {
      statementId: approved.targetId,
      actor: approved.approver,
      at: app.clock.now(),
      businessDate: app.clock.today(),
      requestId: approved.requestId,
      expectedTotal: payload.total.amount,
    },
    transaction,
  );
  return { statementId: paid.id, payTransactionId: paid.payTransactionId };
};

async function notifyCentreStaff(sequelize: Sequelize, t: Transaction, centreId: string, view: ReturnType<typeof toStatementView>) {
  for (const userId of await centreStaffIds(sequelize, centreId, t)) {
    await notify(sequelize, t, {
      userId,
      kind: 'statement_paid',
      subject: `Statement ${view.programme} up to ${view.periodEnd} paid`,
      body: `${view.total.amount} ${view.total.currency} was paid for ${view.lines.length} line(s).`,
      data: { statementId: view.id, total: view.total },
    });
  }
}

// A centre records a guidance session on a cheque registered to it: hours leave the cheque for
// the centre's delivered-hours account [redeem]. The cheque row is only share-locked, so
// sessions of one cheque run side by side; what keeps them within the hours left is the ledger's
// conditional update on the cheque's account (it may not go below zero), whatever the
// concurrency. Preparation and report writing are recorded nowhere: they are not billable.
import { randomUUID } from 'node:crypto';
import type { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { assertActiveAccreditation } from '../centres/accreditation-check.js';
import { conflict, RuleViolation } from '../errors.js';
import { openCentreDelivered } from '../entitlements/programme-accounts.js';
import { postTransaction } from '../ledger/ledger-postings.js';
import { hours as hoursJson } from '../http/schemas.js';
import { notify } from '../notifications/notify.js';
import { centreVoucher, type CentreVoucherRequest } from './centre-voucher-access.js';
import { insertSession, sessionView } from './session-store.js';

export const SESSION_KINDS = ['guidance', 'preparation', 'report_writing'] as const;
export type SessionInput = { date: string; hours: Decimal; counsellor: string; kind: (typeof SESSION_KINDS)[number] };

const dateProblem = (message: string) => new RuleViolation('invalid_session_date', message, { errors: [{ path: '/date', message }] });

export async function recordSession(app: AppContext, request: CentreVoucherRequest & { session: SessionInput }, transaction: Transaction) {
  const { sequelize } = app;
  const voucher = await centreVoucher(app, request, transaction, 'share');
  const today = app.clock.today();
  await assertActiveAccreditation(sequelize, request.centreId, voucher.programme_code, today, transaction);
  const { session } = request;
  if (session.kind !== 'guidance') {
    throw new RuleViolation('non_billable_session', `A ${session.kind.replace('_', ' ')} session is not billable: only guidance hours are recorded on a cheque.`, {
      errors: [{ path: '/kind', message: 'only guidance is billable' }],
    });
  }
  if (voucher.status !== 'in_use') throw conflict('voucher_not_in_use', `The cheque is ${voucher.status}: sessions are recorded on a cheque in use.`, { status: voucher.status });
  if (session.date > today) throw dateProblem('must not be in the future');
  if (session.date < (voucher.issued_on ?? today) || session.date > (voucher.valid_until ?? today)) {
    throw dateProblem(`must be within the cheque's validity, ${voucher.issued_on} to ${voucher.valid_until}`);
  }
  const sessionId = randomUUID();
  const delivered = await openCentreDelivered(sequelize, voucher.programme_code, request.centreId, transaction);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'redeem',
      businessDate: today,
      idempotencyKey: `voucher-session:${sessionId}`,
      metadata: { voucherId: voucher.id, voucherCode: voucher.code, sessionId, centreId: request.centreId, sessionDate: session.date },
      entries: [
        { accountId: voucher.account_id, amount: session.hours.negated() },
        { accountId: delivered, amount: session.hours },
      ],
    },
    transaction,
  );
  const row = await insertSession(
    sequelize,
    { id: sessionId, voucherId: voucher.id, centreId: request.centreId, session, ledgerTransactionId: posted.transactionId, recordedBy: request.principal.userId },
    transaction,
  );
  const remaining = posted.entries.find((entry) => entry.accountId === voucher.account_id)?.balanceAfter;
  if (!remaining) throw new Error('the redemption did not touch the cheque account');
  await notify(sequelize, transaction, {
    userId: voucher.citizen_user_id,
    kind: 'voucher_session',
    subject: `A session was recorded on your cheque ${voucher.code}`,
    body: `${session.hours.toFixed(2)} hours of guidance on ${session.date} with ${session.counsellor}; ${remaining.toFixed(2)} hours are left. If you did not attend, dispute it.`,
    data: { voucherCode: voucher.code, sessionId, date: session.date, hours: session.hours.toFixed(2), centreId: request.centreId, remainingHours: remaining.toFixed(2) },
  });
  return { session: sessionView(row), voucher: { code: voucher.code, status: voucher.status, remainingHours: hoursJson(remaining) } };
}

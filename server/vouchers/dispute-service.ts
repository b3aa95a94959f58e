// A citizen disputes a session on their cheque; an administrator resolves it. While the dispute
// is open the session is not settled (settlement-sources.ts). Upheld, the session's redemption is
// reversed in the ledger (hours back on the cheque) and the session is marked reversed; when the
// centre was already settled for it, what it was paid is booked as owed back and netted from its
// next statements (settlement/settlement-corrections.ts). A cheque still in use at that centre is released
// from it (issued again, bound to no centre), so the citizen can take the returned hours to
// another centre and the disputed centre cannot bill them again (voucher-centre.ts refuses it the
// cheque). When the cheque has already ended (closed, expired or cancelled), the hours go on from
// the cheque to the entitlement [release], so they stay spendable by the citizen instead of
// sitting on a cheque nobody can use.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { reverseTransaction } from '../ledger/ledger.js';
import { citizenUserId } from '../citizens/citizens.js';
import { bookClawback, holdSettlementRuns, type Correction } from '../settlement/settlement.js';
import { notify } from '../notifications/notifications.js';
import { disputeView, findDispute, insertDispute, resolveDisputeRow } from './dispute-store.js';
import { findSession, markReversed, type SessionRow } from './session-store.js';
import { sessionView } from './session-view.js';
import { normaliseCode } from './voucher-codes.js';
import { releaseToEntitlement } from './voucher-ledger.js';
import { findVoucherByCode, lockVoucher, moveVoucher, type VoucherRow } from './voucher-store.js';
import { entitlementAccountId, findEntitlement } from '../entitlements/entitlements.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function openDispute(app: AppContext, input: { principal: Principal; code: string; sessionId: string; reason: string }) {
  return inTransaction(app.sequelize, undefined, async (t) => {
    const voucher = await findVoucherByCode(app.sequelize, normaliseCode(input.code), { transaction: t });
    if (!voucher || voucher.citizen_id !== input.principal.citizenId) throw notFound('Voucher');
    const session = UUID.test(input.sessionId) ? await findSession(app.sequelize, input.sessionId, t) : undefined;
    if (!session || session.voucher_id !== voucher.id) throw notFound('Session');
    if (session.status === 'reversed') throw conflict('session_reversed', 'This session was already reversed.');
    const dispute = await insertDispute(
      app.sequelize,
      { sessionId: session.id, voucherId: voucher.id, citizenId: voucher.citizen_id, reason: input.reason },
      t,
    );
    if (!dispute) throw conflict('dispute_open', 'This session already has an open dispute.');
    await notify(app.sequelize, t, {
      role: 'admin',
      kind: 'voucher_dispute',
      subject: `A session on cheque ${voucher.code} is disputed`,
      body: `The citizen disputes the session of ${session.session_date}: ${input.reason}`,
      data: { disputeId: dispute.id, sessionId: session.id, voucherCode: voucher.code },
    });
    return { ...disputeView({ ...dispute, voucher_code: voucher.code }), session: sessionView(session) };
  });
}

export type Resolution = { principal: Principal; disputeId: string; decision: 'upheld' | 'rejected'; note: string; requestId: string };

export async function resolveDispute(app: AppContext, input: Resolution, transaction?: Transaction) {
  const { sequelize } = app;
  return inTransaction(sequelize, transaction, async (t) => {
    const dispute = UUID.test(input.disputeId) ? await findDispute(sequelize, input.disputeId, t) : undefined;
    if (!dispute) throw notFound('Dispute');
    if (dispute.status !== 'open')
      throw conflict('dispute_resolved', `This dispute was already ${dispute.status}.`, { status: dispute.status });
    // The cheque first, then the session: the same order as every other cheque flow.
    const voucher = await lockVoucher(sequelize, dispute.voucher_id, t);
    const session = await findSession(sequelize, dispute.session_id, t);
    if (!voucher || !session) throw new Error(`dispute ${dispute.id} names a missing cheque or session`);
    // Settlement runs of the programme wait, so whether the session was settled cannot change under us.
    await holdSettlementRuns(sequelize, voucher.programme_code, t);
    let reversed = session;
    let correction: Correction | undefined;
    let released = false;
    if (input.decision === 'upheld' && session.status === 'recorded') {
      reversed = await reverseSession(app, voucher, session, dispute.id, t);
      correction = await bookClawback(sequelize, { disputeId: dispute.id, sessionId: session.id, businessDate: app.clock.today() }, t);
      released = await releaseFromCentre(app, voucher, session, t);
    }
    const resolved = await resolveDisputeRow(
      sequelize,
      dispute.id,
      { status: input.decision, note: input.note, resolvedBy: input.principal.userId },
      t,
    );
    if (!resolved) throw new Error(`dispute ${dispute.id} changed while locked`);
    await recordAudit(sequelize, t, {
      actor: input.principal,
      action: `voucher.dispute.${input.decision}`,
      entityType: 'voucher_dispute',
      entityId: dispute.id,
      before: { status: dispute.status, sessionStatus: session.status },
      after: {
        status: resolved.status,
        note: input.note,
        sessionStatus: reversed.status,
        reversalTransactionId: reversed.reversal_transaction_id,
        correction: correction ?? null,
        chequeReleased: released,
      },
      requestId: input.requestId,
    });
    const userId = await citizenUserId(sequelize, voucher.citizen_id, t);
    if (userId) {
      await notify(sequelize, t, {
        userId,
        kind: 'voucher_dispute_resolved',
        subject: `Your dispute on cheque ${voucher.code} was ${input.decision}`,
        body:
          input.decision === 'upheld'
            ? `The session of ${session.session_date} was reversed and its hours returned.${released ? ' The cheque is free again: you may register it at another centre.' : ''} ${input.note}`
            : input.note,
        data: { disputeId: dispute.id, sessionId: session.id, decision: input.decision },
      });
    }
    return {
      ...disputeView({ ...resolved, voucher_code: voucher.code }),
      session: sessionView(reversed),
      correction: correction ? { id: correction.id, owed: { amount: correction.amount, currency: correction.currency } } : null,
      chequeReleased: released,
    };
  });
}

/** The cheque in use at the disputed session's centre goes back to issued, bound to no centre. */
async function releaseFromCentre(app: AppContext, voucher: VoucherRow, session: SessionRow, t: Transaction): Promise<boolean> {
  if (voucher.status !== 'in_use' || voucher.centre_id !== session.centre_id) return false;
  const moved = await moveVoucher(app.sequelize, voucher.id, ['in_use'], { status: 'issued', centre_id: null, registered_at: null }, t);
  if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
  return true;
}

async function reverseSession(app: AppContext, voucher: VoucherRow, session: SessionRow, disputeId: string, t: Transaction) {
  const sessionId = session.id;
  const today = app.clock.today();
  const reversal = await reverseTransaction(
    app.sequelize,
    {
      transactionId: session.ledger_transaction_id,
      reason: 'dispute upheld',
      businessDate: today,
      idempotencyKey: `dispute-reversal:${disputeId}`,
      metadata: { disputeId, sessionId, voucherId: voucher.id, voucherCode: voucher.code, centreId: session.centre_id },
    },
    t,
  );
  const marked = await markReversed(app.sequelize, sessionId, reversal.transactionId, t);
  if (!marked) throw new Error(`session ${sessionId} changed while locked`);
  if (['closed', 'expired', 'cancelled'].includes(voucher.status)) {
    const entitlement = await findEntitlement(app.sequelize, voucher.entitlement_id, { transaction: t });
    const accountId = entitlement && (await entitlementAccountId(app.sequelize, entitlement, t));
    if (!accountId) throw new Error(`voucher ${voucher.id} has no entitlement account`);
    await releaseToEntitlement(
      app.sequelize,
      {
        voucher,
        entitlementAccountId: accountId,
        businessDate: today,
        reason: 'dispute upheld after the cheque ended',
        key: `voucher-release:${voucher.id}:dispute:${disputeId}`,
      },
      t,
    );
  }
  return marked;
}

// One dispute as administrators and auditors read it before and after deciding: the disputed
// session, the centre, and what the decision moved in the ledger (the session's reversal, the
// release of hours from an ended cheque, and the clawback a settled session's centre owes), each
// transaction with its entries.
import type { AppContext } from '../app-context.js';
import { centreName } from '../centres/centres.js';
import { notFound } from '../errors.js';
import { transactionsWithEntries, type TransactionView } from '../ledger/ledger.js';
import { correctionOfDispute, type Correction } from '../settlement/settlement.js';
import { disputeView, readDisputeRow } from './dispute-store.js';
import { sessionView } from './session-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DisputeDetail = ReturnType<typeof disputeView> & {
  programme: string;
  centreName: string | undefined;
  session: ReturnType<typeof sessionView>;
  correction: Correction | undefined;
  /** The ledger transactions the decision made, oldest first: none while open or when rejected. */
  ledgerEffect: TransactionView[];
};

export async function readDispute(app: AppContext, id: string): Promise<DisputeDetail> {
  const row = UUID.test(id) ? await readDisputeRow(app.sequelize, id) : undefined;
  if (!row) throw notFound('Dispute');
  const upheld = row.status === 'upheld';
  const correction = upheld ? await correctionOfDispute(app.sequelize, row.id) : undefined;
  // The keys dispute-service.ts posts them under: they name this decision's transactions exactly.
  const ledgerEffect = upheld
    ? await transactionsWithEntries(app.sequelize, {
        ids: correction ? [correction.transactionId] : [],
        idempotencyKeys: [`dispute-reversal:${row.id}`, `voucher-release:${row.voucher_id}:dispute:${row.id}`],
      })
    : [];
  return {
    ...disputeView(row),
    programme: row.programme_code,
    centreName: await centreName(app.sequelize, row.session.centre_id),
    session: sessionView(row.session),
    correction,
    ledgerEffect,
  };
}

/** The dispute as the API answers it: amounts as decimal text, moments as ISO instants. */
export const disputeDetailJson = (dispute: DisputeDetail) => ({
  ...dispute,
  centreName: dispute.centreName ?? null,
  correction: dispute.correction
    ? {
        id: dispute.correction.id,
        owed: { amount: dispute.correction.amount, currency: dispute.correction.currency },
        transactionId: dispute.correction.transactionId,
      }
    : null,
  ledgerEffect: dispute.ledgerEffect.map((transaction) => ({
    id: transaction.id,
    kind: transaction.kind,
    reversesId: transaction.reversesId,
    businessDate: transaction.businessDate,
    createdAt: transaction.createdAt.toISOString(),
    entries: transaction.entries.map((entry) => ({
      ...entry,
      amount: entry.amount.toFixed(2),
      balanceAfter: entry.balanceAfter.toFixed(2),
    })),
  })),
});

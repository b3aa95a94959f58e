// Settlement as the other components see it: paying a centre's statement once its payment is
// approved (the applier approvals calls), and what a centre owes back when a dispute on a session
// it was already paid for is upheld (a correction, netted in its next statements).
import type { Sequelize, Transaction } from 'sequelize';
import type { ChangeAppliers } from '../approvals/approvals.js';
import { bookCorrection, type Correction } from './settlement-corrections.js';
import { correctionOfDisputeRow, lockSettlementRuns } from './settlement-store.js';
import { applyApprovedPayment } from './statement-service.js';

export type { Correction };

/** How an approved change that settlement owns is applied (wired into approvals by server/routes.ts). */
export const settlementChangeAppliers: Pick<ChangeAppliers, 'statement_payment'> = { statement_payment: applyApprovedPayment };

/** Books the clawback of a settled session reversed by an upheld dispute; undefined when it was never settled. */
export const bookClawback = (
  sequelize: Sequelize,
  input: { disputeId: string; sessionId: string; businessDate: string },
  transaction: Transaction,
): Promise<Correction | undefined> => bookCorrection(sequelize, input, transaction);

/** The correction an upheld dispute booked (what the centre owes back), or undefined when the session was never settled. */
export async function correctionOfDispute(sequelize: Sequelize, disputeId: string): Promise<Correction | undefined> {
  const row = await correctionOfDisputeRow(sequelize, disputeId);
  return row && { id: row.id, amount: row.amount, currency: row.currency, transactionId: row.transaction_id };
}

/** Makes the programme's settlement runs wait until the transaction ends, so whether a session was settled cannot change meanwhile. */
export const holdSettlementRuns = (sequelize: Sequelize, code: string, transaction: Transaction): Promise<void> =>
  lockSettlementRuns(sequelize, code, transaction);

/** A centre's statements with their lines, newest first (GET /v1/centres/:id/statements): `centreStatements(sequelize, centreId, { limit, cursor })`. */
export { centreStatements } from './statement-service.js';
/** One statement with its lines (GET /v1/statements/:id): another centre's is a 404. */
export { statementOf } from './statement-service.js';
export type { StatementView } from './statement-view.js';

/**
 * The administrators' settlement pages use the services of the API's routes: `runSettlement`
 * (POST /v1/settlements), `settlementRuns` and `settlementRunOf` (GET /v1/settlements[/:id]),
 * `requestStatementPayment` (POST /v1/statements/:id/payment) and `pendingPaymentOf` (the
 * request waiting for a second administrator), `createPaymentFile` (POST
 * /v1/settlements/:id/payment-files), `paymentFileXml` (GET /v1/payment-files/:id/pain001),
 * `statementPaymentFile` (the file a statement was sent in), `debtorAccountOf` and `setDebtorAccount`
 * (PUT /v1/programmes/:code/debtor-account).
 */
export { runSettlement } from './settlement-service.js';
export { pendingPaymentOf, requestStatementPayment } from './statement-service.js';
export { settlementRunOf, settlementRuns, type RunSummary } from './settlement-run-service.js';
export {
  createPaymentFile,
  debtorAccountOf,
  paymentFileXml,
  setDebtorAccount,
  statementPaymentFile,
  type PaymentFileView,
} from './payment-file-service.js';

// Vouchers (loopbaancheques) as the other components see them: their time-driven jobs, which the
// job registry runs (server/jobs/job-registry.ts).
import type { AppContext } from '../app-context.js';
import { forgetFinishedTries } from './registration-try-store.js';
import { expireVouchers, lapseUnpaidVouchers } from './voucher-jobs.js';

/** Each job does what is due at `now` and returns how many rows it changed. */
export const vouchersJobs = [
  // Cheques whose co-payment was not made by its due date lapse; their hours return to the right.
  { name: 'lapse-unpaid-vouchers', run: (app: AppContext, now: Date) => lapseUnpaidVouchers(app, now) },
  // Cheques past their validity expire; hours not used return to the right.
  { name: 'expire-vouchers', run: (app: AppContext, now: Date) => expireVouchers(app, now) },
  // Registration tries whose lock has ended are forgotten.
  {
    name: 'forget-registration-tries',
    run: (app: AppContext, now: Date) => forgetFinishedTries(app.sequelize, now, app.config.chequeRegistration.lockSeconds),
  },
];

/**
 * What a citizen reads of their rights, as the API answers it: `myEntitlements` (GET /v1/me/entitlements),
 * `entitlementLedger` (GET /v1/entitlements/:id/ledger) and the sessions of a right's cheques with
 * their disputes; `openDispute` (POST /v1/vouchers/:code/disputes) says "I was not there".
 */
export { entitlementLedger, myEntitlements, sessionsOfRight } from './rights-read.js';
export { openDispute } from './dispute-service.js';

/**
 * A citizen's cheques as the API handles them, for the portal's pages: `orderVoucher` (POST
 * /v1/entitlements/:id/vouchers, in the caller's idempotency transaction), `readVoucher` (GET
 * /v1/vouchers/:code), `cancelVoucher` (POST /v1/vouchers/:code/cancel), and the co-payment:
 * `confirmPayment` (POST /v1/vouchers/:code/payments, `paymentBody`) behind `authenticatePayment`,
 * which accepts a provider callback signed with `signPaymentCallback`.
 */
export { orderVoucher } from './voucher-order.js';
export { readVoucher } from './voucher-read.js';
export { cancelVoucher } from './voucher-cancel.js';
export { confirmPayment } from './voucher-payment.js';
export { authenticatePayment, signPaymentCallback } from './payment-auth.js';
export { paymentBody } from './voucher-schemas.js';

/**
 * The centre's side, for the centre portal: `registerVoucher`, `recordSession` (in the caller's
 * statement claim, rendered by `sessionReply`) and `closeVoucher`, the services of POST
 * /v1/centres/:centreId/vouchers/:code/{registration,sessions,close}; and what a centre reads of
 * its own cheques: `readCentreVoucher`, `centreVouchersInUse`, `openDisputesAtCentre`.
 */
export { registerVoucher } from './voucher-centre.js';
export { recordSession } from './session-service.js';
export { sessionReply } from './session-reply.js';
export { closeVoucher } from './voucher-close.js';
export { centreVouchersInUse, openDisputesAtCentre, readCentreVoucher } from './centre-voucher-read.js';

/**
 * Disputed sessions for the service's administrators and auditors: `listDisputes` (GET /v1/disputes),
 * `readDispute` (one with its session and the ledger transactions its decision made) and
 * `resolveDispute` (POST /v1/disputes/:id/resolution).
 */
export { listDisputes } from './voucher-read.js';
export { readDispute, type DisputeDetail } from './dispute-read.js';
export { resolveDispute } from './dispute-service.js';

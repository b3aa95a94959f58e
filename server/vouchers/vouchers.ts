// Vouchers (loopbaancheques) as the other components see them: the daily jobs that lapse cheques
// never paid, expire those past their validity, and forget registration tries whose lock ended.
import type { AppContext } from '../app-context.js';
import { forgetFinishedTries } from './registration-try-store.js';
import { expireVouchers as expire, lapseUnpaidVouchers as lapseUnpaid } from './voucher-jobs.js';

/** Cheques whose co-payment was not made by its due date lapse; their hours return to the right. */
export const lapseUnpaidVouchers = (app: AppContext, now: Date) => lapseUnpaid(app, now);

/** Cheques past their validity expire; hours not used return to the right. */
export const expireVouchers = (app: AppContext, now: Date) => expire(app, now);

/** Registration tries whose lock has ended are forgotten; returns how many. */
export const forgetRegistrationTries = (app: AppContext, now: Date) =>
  forgetFinishedTries(app.sequelize, now, app.config.chequeRegistration.lockSeconds);

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

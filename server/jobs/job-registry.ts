// Every time-driven job of the service (voucher lapse and expiry, application lapse ...), each
// component's from its public module. The scheduler and `npm run jobs` run them all; each job
// selects its due rows FOR UPDATE SKIP LOCKED in small batches, so several instances may run the
// same job at once without doing work twice.
import { accountsJobs } from '../accounts/accounts.js';
import type { AppContext } from '../app-context.js';
import { applicationsJobs } from '../applications/applications.js';
import { creditLotsJobs } from '../credit-lots/credit-lots.js';
import { expireHolds } from '../ledger/ledger.js';
import { notificationsJobs } from '../notifications/notifications.js';
import { signalsJobs } from '../signals/signals.js';
import { vouchersJobs } from '../vouchers/vouchers.js';
import { purgeExpiredRecords } from './retention-job.js';

export type Job = {
  name: string;
  /** Does what is due at `now` (never reads the wall clock) and returns how many rows it changed. */
  run: (app: AppContext, now: Date) => Promise<number>;
};

export const JOBS: Job[] = [
  ...applicationsJobs,
  ...accountsJobs,
  ...creditLotsJobs,
  // Before the vouchers' jobs, which forget the registration tries of past hours that it reads.
  ...signalsJobs,
  ...vouchersJobs,
  // Last: the flows above settle their own holds with their state; this frees any hold still
  // open past its deadline, so it stops counting against what is available.
  { name: 'expire-holds', run: expireDueHolds },
  // After the flows: the e-mails of what they just notified go out in the same tick.
  ...notificationsJobs,
  // Housekeeping: idempotency keys and job runs past their retention (README: retention).
  { name: 'purge-expired-records', run: (app, now) => purgeExpiredRecords(app, now) },
];

async function expireDueHolds(app: AppContext, now: Date): Promise<number> {
  let expired = 0;
  for (let batch = await expireHolds(app.sequelize, now); batch.length > 0; batch = await expireHolds(app.sequelize, now))
    expired += batch.length;
  return expired;
}

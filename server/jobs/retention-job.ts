// The purge job: idempotency keys after IDEMPOTENCY_RETENTION_DAYS, job_runs rows after
// JOB_RUN_RETENTION_DAYS, sign-ins after SIGN_IN_RETENTION_DAYS. Bounded per run as well as per
// batch: a backlog (the first run on a database that never purged) is worked off over several
// ticks, never in one long run that would keep the other jobs waiting.
import type { AppContext } from '../app-context.js';
import { purgeIdempotencyKeys, purgeJobRuns, purgeSignIns } from './retention-store.js';

export type PurgeLimits = { batch: number; batchesPerRun: number };

const LIMITS: PurgeLimits = { batch: 500, batchesPerRun: 100 };

export async function purgeExpiredRecords(app: AppContext, now: Date, limits: PurgeLimits = LIMITS): Promise<number> {
  const { idempotencyDays, jobRunDays, signInDays } = app.config.retention;
  const keys = await inBatches(limits, (limit) => purgeIdempotencyKeys(app.sequelize, { now, retentionDays: idempotencyDays, limit }));
  const runs = await inBatches(limits, (limit) => purgeJobRuns(app.sequelize, { now, retentionDays: jobRunDays, limit }));
  const signIns = await inBatches(limits, (limit) => purgeSignIns(app.sequelize, { now, retentionDays: signInDays, limit }));
  return keys + runs + signIns;
}

async function inBatches(limits: PurgeLimits, purge: (limit: number) => Promise<number>): Promise<number> {
  let purged = 0;
  for (let batches = 0; batches < limits.batchesPerRun; batches++) {
    const count = await purge(limits.batch);
    purged += count;
    if (count < limits.batch) break;
  }
  return purged;
}

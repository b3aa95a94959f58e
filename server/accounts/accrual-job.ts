// Scheduled: every open account accrues its account year once (accrual.ts), with the groups of
// the citizen's latest decision. One short transaction per account, whose row lock a claim of
// the same account waits for; an account another worker holds is skipped (it is being accrued or
// spent, and the next run sees it). A programme with no parameters in force on the day is skipped.
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { accountIdsAfter, latestGroups, lockAccount } from './account-store.js';
import { accrueYear } from './accrual.js';

const BATCH = 200;

export async function accrueAccounts(app: AppContext, now: Date): Promise<number> {
  const { sequelize } = app;
  const onDate = now.toISOString().slice(0, 10);
  let accrued = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await accountIdsAfter(sequelize, after, BATCH);
    for (const id of ids) {
      const posted = await sequelize
        .transaction(async (t) => {
          const account = await lockAccount(sequelize, id, t);
          if (!account) return false;
          const groups = await latestGroups(sequelize, account.citizenId, account.programmeCode, t);
          return (await accrueYear(app, account, { onDate, groups }, t)).gt(0);
        })
        .catch((error: unknown) => {
          if (!(error instanceof AppError) || error.code !== 'programme_not_configured') throw error;
          return false;
        });
      if (posted) accrued += 1;
    }
    if (ids.length < BATCH) return accrued;
    after = ids[ids.length - 1] ?? null;
  }
}

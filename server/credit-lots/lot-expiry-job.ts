// Scheduled: what is left of a lot past its last day returns to its programme's budget [expire].
// Only the free part: what an application drew from the lot sits on the application's escrow
// account and stays with it (it pays the provider when claimed). Should that application be
// cancelled or lapse after the lot's last day, its grant is reversed back onto the lot, and the
// next run returns that too. Safe with several instances: each small batch locks its lots FOR
// UPDATE SKIP LOCKED and posts their returns in one transaction, so a rerun finds nothing to do.
import { openBudgetAccounts } from '../programmes/programmes.js';
import type { AppContext } from '../app-context.js';
import { postTransaction } from '../ledger/ledger.js';
import { lockExpiredWithMoney } from './lot-store.js';

const BATCH = 50;

export async function expireLots(app: AppContext, now: Date): Promise<number> {
  const { sequelize } = app;
  const today = now.toISOString().slice(0, 10);
  let expired = 0;
  for (;;) {
    const done = await sequelize.transaction(async (t) => {
      const lots = await lockExpiredWithMoney(sequelize, today, BATCH, t);
      for (const lot of lots) {
        const budget = await openBudgetAccounts(sequelize, lot.programmeCode, t);
        await postTransaction(
          sequelize,
          {
            kind: 'expire',
            businessDate: today,
            metadata: { programme: lot.programmeCode, citizenId: lot.citizenId, lot: lot.lot, lotGrantId: lot.id },
            entries: [
              { accountId: lot.accountId, amount: lot.available.negated() },
              { accountId: budget.budgetAccountId, amount: lot.available },
            ],
          },
          t,
        );
      }
      return lots.length;
    });
    expired += done;
    if (done < BATCH) return expired;
  }
}

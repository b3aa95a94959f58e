// Scheduled: what is left of a top-up after its deadline goes back to its funder, a
// 'top_up_return' transaction from the top-up's account to the funder's. One short transaction
// per top-up under its account's lock (a claim spending it waits, or is waited for); an account
// another worker holds is skipped until the next run. Money a lapsed or cancelled application
// gives back to a top-up after its deadline goes back on the next run: the key names how many
// entries the top-up's account had, so each return is posted once.
import type { AppContext } from '../app-context.js';
import { postTransaction } from '../ledger/ledger.js';
import { lockAccount } from './account-store.js';
import { openFunderAccount } from './top-up-service.js';
import { entryCountOf, findTopUp, topUpsDue } from './top-up-store.js';

const BATCH = 100;

export async function returnLapsedTopUps(app: AppContext, now: Date): Promise<number> {
  const { sequelize } = app;
  const today = now.toISOString().slice(0, 10);
  let returned = 0;
  let after: string | null = null;
  for (;;) {
    const due = await topUpsDue(sequelize, today, after, BATCH);
    for (const { id, entitlement_id: entitlementId } of due) {
      const done = await sequelize.transaction(async (t) => {
        if (!(await lockAccount(sequelize, entitlementId, t))) return false;
        const topUp = await findTopUp(sequelize, id, t);
        if (!topUp || topUp.available.lte(0)) return false;
        const entries = await entryCountOf(sequelize, topUp.accountId, t);
        const funderAccountId = await openFunderAccount(app, topUp.programmeCode, topUp.funder, topUp.currency, t);
        await postTransaction(
          sequelize,
          {
            kind: 'top_up_return',
            businessDate: today,
            idempotencyKey: `top-up-return:${id}:${entries}`,
            metadata: { programme: topUp.programmeCode, topUpId: id, deadline: topUp.deadline },
            entries: [
              { accountId: topUp.accountId, amount: topUp.available.negated() },
              { accountId: funderAccountId, amount: topUp.available },
            ],
          },
          t,
        );
        return true;
      });
      if (done) returned += 1;
    }
    if (due.length < BATCH) return returned;
    after = due[due.length - 1]?.id ?? null;
  }
}

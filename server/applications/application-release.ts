// What a lapsed, cancelled or refused application gives back, in one transaction: its hold is freed, the
// funded amount returns from the entitlement to its programme's budget [release], and its place
// counts again. The ledger key is the application's, so no retry can return the money twice.
import type { Sequelize, Transaction } from 'sequelize';
import { holdStatus, releaseHold, postTransaction } from '../ledger/ledger.js';
import { returnPlace } from '../programmes/programmes.js';
import { isAccountApplication, releaseAccountApplication } from './account-application.js';
import { markClosed, type Application, type ClosingChange } from './application-store.js';
import { budgetAccountOf, entitlementAccountOf } from './course-grant-accounts.js';

/** `application` must be locked by the caller and still pending or verified. */
export async function releaseApplication(
  sequelize: Sequelize,
  application: Application,
  change: ClosingChange & { today: string; now: Date },
  transaction: Transaction,
): Promise<string> {
  // An accruing account's application gives its money back to the account it came from, not the budget.
  if (await isAccountApplication(sequelize, application.id, transaction))
    return releaseAccountApplication(sequelize, application, change, transaction);
  // A generic hold-expiry run may already have freed the hold at its deadline: nothing left to free.
  const hold = await holdStatus(sequelize, application.holdId, transaction);
  if (hold?.status === 'open') await releaseHold(sequelize, application.holdId, transaction);
  const { programmeCode } = application;
  const { budgetAccountId } = await budgetAccountOf(sequelize, programmeCode, transaction);
  const entitlementAccountId = await entitlementAccountOf(sequelize, application, transaction);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'release',
      businessDate: change.today,
      idempotencyKey: `course-grant-application-release:${application.id}`,
      metadata: { programme: programmeCode, applicationId: application.id, reference: application.reference, reason: change.status },
      entries: [
        { accountId: entitlementAccountId, amount: application.fundedAmount.negated() },
        { accountId: budgetAccountId, amount: application.fundedAmount },
      ],
    },
    transaction,
  );
  await markClosed(sequelize, application.id, { ...change, transactionId: posted.transactionId, at: change.now }, transaction);
  await returnPlace(sequelize, programmeCode, application.appliedOn, transaction);
  return posted.transactionId;
}

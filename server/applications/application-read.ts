// Reading applications: one by its reference (owner, staff readers, the provider), the lists the
// citizen's entitlements show, and an ITA entitlement's balance.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { getAccount, accountMovements, type EntitlementBalance } from '../ledger/ledger.js';
import { visibleApplication } from './application-access.js';
import { listApplicationsOf } from './application-store.js';
import { applicationView, type ApplicationView } from './application-view.js';

export async function readApplication(app: AppContext, principal: Principal, reference: string): Promise<ApplicationView> {
  return applicationView(await visibleApplication(app.sequelize, principal, reference));
}

/** The applications of these entitlements, oldest first, each naming its `entitlementId`. */
export async function listApplicationsForEntitlements(
  sequelize: Sequelize,
  entitlementIds: string[],
  transaction?: Transaction,
): Promise<ApplicationView[]> {
  return (await listApplicationsOf(sequelize, entitlementIds, transaction)).map(applicationView);
}

/**
 * An ITA entitlement's balance from its ledger account. A lapsed or cancelled application's
 * release undoes its grant, so:
 *   granted   = grants net of releases (what live applications fund)
 *   reserved  = open holds (pending or verified applications)
 *   used      = captured by providers' claims
 *   available = balance - open holds
 */
export async function itaEntitlementBalance(
  sequelize: Sequelize,
  accountId: string,
  transaction?: Transaction,
): Promise<EntitlementBalance> {
  const [movements, account] = await Promise.all([
    accountMovements(sequelize, [accountId], transaction),
    getAccount(sequelize, accountId, transaction),
  ]);
  const net = (kind: string) => movements.get(kind) ?? new Decimal(0);
  return {
    granted: net('grant').plus(net('release')),
    reserved: account?.held ?? new Decimal(0),
    used: net('capture').negated(),
    available: account?.available ?? new Decimal(0),
  };
}

// The citizen withdraws an application before the provider claims it: the hold is freed and the
// funded amount returns to the programme budget, so the account year is free for another course.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { ownApplication, stateConflict } from './application-access.js';
import { releaseApplication } from './application-release.js';
import { findApplication } from './application-store.js';
import { applicationView } from './application-view.js';

export async function cancelApplication(app: AppContext, act: { principal: Principal; reference: string; requestId: string }) {
  const { sequelize } = app;
  return inTransaction(sequelize, undefined, async (t) => {
    const application = await ownApplication(sequelize, act.principal, act.reference, { transaction: t, lock: true });
    // Asking again answers the same: the cancellation happened once.
    if (application.status === 'cancelled') return applicationView(application);
    if (application.status !== 'pending_verification' && application.status !== 'verified') throw stateConflict(application);
    const transactionId = await releaseApplication(
      sequelize,
      application,
      { status: 'cancelled', today: app.clock.today(), now: app.clock.now() },
      t,
    );
    const cancelled = await findApplication(sequelize, { id: application.id }, { transaction: t });
    if (!cancelled) throw new Error(`application ${application.id} vanished in its own transaction`);
    await recordAudit(sequelize, t, {
      actor: act.principal,
      action: 'application.cancelled',
      entityType: 'application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: cancelled.status, transactionId },
      requestId: act.requestId,
    });
    return applicationView(cancelled);
  });
}

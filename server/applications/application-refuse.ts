// The provider refuses an application it will not take, with a reason the citizen is shown. It may
// refuse until it claims: before verifying (the evidence does not hold up) and after (the course
// will not run, the applicant did not turn up), since a verified application otherwise keeps its
// money held for a year past the account year. The refusal releases the application exactly as a
// cancellation does (application-release.ts): the money goes back where it came from, once.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { notify } from '../notifications/notifications.js';
import { providerApplication, stateConflict } from './application-access.js';
import { releaseApplication } from './application-release.js';
import { findApplication } from './application-store.js';
import { applicationView } from './application-view.js';

type RefuseAct = { principal: Principal; centreId: string; reference: string; reason: string; requestId: string };

export async function refuseApplication(app: AppContext, act: RefuseAct) {
  const { sequelize } = app;
  return inTransaction(sequelize, undefined, async (t) => {
    const application = await providerApplication(sequelize, act, { transaction: t, lock: true });
    if (application.status !== 'pending_verification' && application.status !== 'verified') throw stateConflict(application);
    const transactionId = await releaseApplication(
      sequelize,
      application,
      { status: 'refused', reason: act.reason, by: act.principal.userId, today: app.clock.today(), now: app.clock.now() },
      t,
    );
    const refused = await findApplication(sequelize, { id: application.id }, { transaction: t });
    if (!refused) throw new Error(`application ${application.id} vanished in its own transaction`);
    await recordAudit(sequelize, t, {
      actor: act.principal,
      action: 'application.refused',
      entityType: 'application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: refused.status, reason: act.reason, transactionId },
      requestId: act.requestId,
    });
    if (refused.citizenUserId) {
      await notify(sequelize, t, {
        userId: refused.citizenUserId,
        kind: 'application_refused',
        subject: `${refused.centreName} refused your application for "${refused.courseTitle}"`,
        body: `${refused.centreName} refused your application ${refused.reference} for "${refused.courseTitle}": ${act.reason}\nThe ${refused.currency} ${refused.fundedAmount.toFixed(2)} it held is yours again; you can apply for another course.`,
        data: { reference: refused.reference, reason: act.reason, centreId: refused.centreId },
      });
    }
    return applicationView(refused);
  });
}

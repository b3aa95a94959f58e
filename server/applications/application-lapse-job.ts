// Scheduled: applications the provider did not verify by their deadline lapse, and everything
// they reserved returns (hold freed, funded amount back to the budget, place given back). Safe
// with several instances: each small batch locks its rows FOR UPDATE SKIP LOCKED and lapses them
// in one transaction with their ledger postings, so a crash loses no work and
// a rerun finds nothing left to do.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { notify } from '../notifications/notifications.js';
import { releaseApplication } from './application-release.js';
import { findApplication, lockDueForLapse } from './application-store.js';

const BATCH = 50;

export async function lapseUnverifiedApplications(app: AppContext, now: Date): Promise<number> {
  const { sequelize } = app;
  const today = now.toISOString().slice(0, 10);
  let lapsed = 0;
  for (;;) {
    const done = await sequelize.transaction(async (t) => {
      const ids = await lockDueForLapse(sequelize, today, BATCH, t);
      for (const id of ids) {
        const application = await findApplication(sequelize, { id }, { transaction: t });
        if (!application) continue;
        const transactionId = await releaseApplication(sequelize, application, { status: 'lapsed', today, now }, t);
        await recordAudit(sequelize, t, {
          actor: { userId: null, role: 'system' },
          action: 'application.lapsed',
          entityType: 'application',
          entityId: application.id,
          before: { status: application.status, verifyBy: application.verifyBy },
          after: { status: 'lapsed', transactionId },
        });
        if (application.citizenUserId) {
          await notify(sequelize, t, {
            userId: application.citizenUserId,
            kind: 'application_lapsed',
            subject: `Your application ${application.reference} lapsed`,
            body: `${application.centreName} did not verify your evidence by ${application.verifyBy}, so the funding for "${application.courseTitle}" was released. You may apply again.`,
            data: { reference: application.reference },
          });
        }
      }
      return ids.length;
    });
    lapsed += done;
    if (done < BATCH) return lapsed;
  }
}

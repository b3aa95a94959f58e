// What the provider does with an application the citizen handed it: verify the applicant's
// evidence within the deadline (the funding is then guaranteed), and claim the funded amount once
// the course has started (what is owed to the provider is created by the claim itself, and the
// next settlement run pays it).
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { assertActiveAccreditation } from '../centres/centres.js';
import { inTransaction } from '../db/database.js';
import { addYears } from '../shared/calendar.js';
import { conflict, invalidField } from '../errors.js';
import { captureHold, placeHold, releaseHold } from '../ledger/ledger.js';
import { notify } from '../notifications/notifications.js';
import { providerApplication, stateConflict } from './application-access.js';
import { findApplication, markClaimed, markVerified, type Application } from './application-store.js';
import { applicationView } from './application-view.js';
import { providerPayableAccountOf } from './course-grant-accounts.js';
import { endOfDay } from './course-grant-terms.js';

type ProviderAct = { principal: Principal; centreId: string; reference: string; requestId: string };

async function reread(app: AppContext, id: string, transaction: Transaction): Promise<Application> {
  const application = await findApplication(app.sequelize, { id }, { transaction });
  if (!application) throw new Error(`application ${id} vanished in its own transaction`);
  return application;
}

export async function verifyApplication(app: AppContext, act: ProviderAct) {
  const { sequelize } = app;
  return inTransaction(sequelize, undefined, async (t) => {
    const application = await providerApplication(sequelize, act, { transaction: t, lock: true });
    if (application.status === 'verified') return applicationView(application);
    if (application.status !== 'pending_verification') throw stateConflict(application);
    const today = app.clock.today();
    if (today > application.verifyBy) {
      throw conflict('verification_deadline_passed', `The evidence had to be verified by ${application.verifyBy}.`, {
        verifyBy: application.verifyBy,
      });
    }
    await assertActiveAccreditation(sequelize, application.centreId, application.programmeCode, today, t);
    // Verified funding is guaranteed: the hold that would expire with the deadline is swapped, in this
    // transaction, for one that lasts a year past the account year (the course starts within it).
    const released = await releaseHold(sequelize, application.holdId, t);
    const hold = await placeHold(
      sequelize,
      {
        accountId: released.accountId,
        amount: application.fundedAmount,
        expiresAt: endOfDay(addYears(application.periodEnd, 1)),
        metadata: { applicationId: application.id, reference: application.reference, purpose: 'course_grant_application_verified' },
      },
      t,
    );
    await markVerified(sequelize, application.id, { holdId: hold.holdId, at: app.clock.now(), by: act.principal.userId }, t);
    const verified = await reread(app, application.id, t);
    await recordAudit(sequelize, t, {
      actor: act.principal,
      action: 'application.verified',
      entityType: 'application',
      entityId: application.id,
      before: { status: application.status, holdId: application.holdId },
      after: { status: verified.status, holdId: verified.holdId, verifiedAt: verified.verifiedAt },
      requestId: act.requestId,
    });
    return applicationView(verified);
  });
}

/** Without a `courseStartDate`, the provider says the course started today (the service date). */
export async function claimApplicationFunding(
  app: AppContext,
  act: ProviderAct & { courseStartDate: string | undefined; transaction: Transaction | undefined },
) {
  const { sequelize } = app;
  return inTransaction(sequelize, act.transaction, async (t) => {
    const application = await providerApplication(sequelize, act, { transaction: t, lock: true });
    if (application.status !== 'verified') throw stateConflict(application);
    const today = app.clock.today();
    const courseStartDate = act.courseStartDate ?? today;
    if (courseStartDate < application.appliedOn) {
      throw invalidField('/courseStartDate', `must be on or after the application date (${application.appliedOn})`);
    }
    if (today < courseStartDate) {
      throw conflict('course_not_started', `Funding can be claimed once the course has started (on ${courseStartDate}).`, {
        courseStartDate,
      });
    }
    await assertActiveAccreditation(sequelize, application.centreId, application.programmeCode, today, t);
    const payableAccountId = await providerPayableAccountOf(sequelize, application, t);
    const captured = await captureHold(
      sequelize,
      {
        holdId: application.holdId,
        amount: application.fundedAmount,
        toAccountId: payableAccountId,
        businessDate: today,
        now: app.clock.now(),
        kind: 'capture',
        idempotencyKey: `course-grant-application-claim:${application.id}`,
        metadata: {
          programme: application.programmeCode,
          applicationId: application.id,
          reference: application.reference,
          centreId: application.centreId,
        },
      },
      t,
    );
    const now = app.clock.now();
    await markClaimed(
      sequelize,
      application.id,
      { transactionId: captured.transactionId, at: now, by: act.principal.userId, courseStartDate },
      t,
    );
    const claimed = await reread(app, application.id, t);
    await recordAudit(sequelize, t, {
      actor: act.principal,
      action: 'application.claimed',
      entityType: 'application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: claimed.status, courseStartDate, transactionId: captured.transactionId },
      requestId: act.requestId,
    });
    // The citizen hears of every redemption on their account (fraud lesson: claims without attendance).
    if (claimed.citizenUserId) {
      const amount = `${claimed.currency} ${claimed.fundedAmount.toFixed(2)}`;
      await notify(sequelize, t, {
        userId: claimed.citizenUserId,
        kind: 'application_claimed',
        subject: `${claimed.centreName} claimed ${amount} for your course`,
        body: `${claimed.centreName} claimed ${amount} from your ${claimed.programmeCode} grant for "${claimed.courseTitle}" (application ${claimed.reference}), saying the course started on ${courseStartDate}. If you did not start this course, tell us.`,
        data: {
          reference: claimed.reference,
          amount: claimed.fundedAmount.toFixed(2),
          currency: claimed.currency,
          centreId: claimed.centreId,
        },
      });
    }
    return applicationView(claimed);
  });
}

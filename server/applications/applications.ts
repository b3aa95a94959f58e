// Applications as the other components see them: the claim on a course grant programme that turns
// a course into an application (its route is the claim route of every programme, server/claims),
// rendered as its answer; the applications of a citizen's rights and the balance of a course grant
// right, which its applications hold and spend; and their time-driven job, the daily lapse of
// applications never verified (of every course grant programme).
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { accountMovements, getAccount, type EntitlementBalance } from '../ledger/ledger.js';
import { lapseUnverifiedApplications } from './application-lapse-job.js';
import { courseGrantParametersOf, parametersOn } from '../programmes/programmes.js';
import { listApplicationsOf, listCentreApplications } from './application-store.js';
import { applicationView, type ApplicationView } from './application-view.js';
import { fundingOf } from './course-grant-terms.js';
import { drawClosedWindows } from './windows/window-draw.js';
import { notifyDrawnEntries } from './windows/window-notify-job.js';

/**
 * `claimCourseGrant(app, { programmeCode, principal, courseId, language, claim })` decides and
 * writes a claim on the course grant programme `programmeCode` in one statement (run it through
 * answerInStatement); `courseGrantClaimReply(outcome, language, instance)` renders what it stored.
 */
export { claimCourseGrant, type CourseGrantClaim } from './application-claim.js';
export { courseGrantClaimReply } from './course-grant-claim-reply.js';
/** A citizen's application by its reference (404 for anyone else's), and its cancellation while it is not yet claimed. */
export { readApplication } from './application-read.js';
export { cancelApplication } from './application-cancel.js';
/** The provider's steps (POST /v1/centres/:centreId/applications/:reference/verify and /claim), for the centre portal. */
export { claimApplicationFunding, verifyApplication } from './application-provider.js';
/** The provider refuses an application with a reason (POST /v1/centres/:centreId/applications/:reference/refuse). */
export { refuseApplication } from './application-refuse.js';
/** The application windows a parameter version sets, earliest first (none: claims are taken every day). */
export { windowsOf, type ClaimWindow } from './windows/window-terms.js';
/** The applications that spend an accruing account: many per account year, released back into the account. */
export { insertAccountApplication, type AccountApplicationView, type NewAccountApplication } from './account-application.js';

/** The applications of these entitlements, oldest first, each naming its `entitlementId`. */
export async function listApplicationsForEntitlements(
  sequelize: Sequelize,
  entitlementIds: string[],
  transaction?: Transaction,
): Promise<ApplicationView[]> {
  return (await listApplicationsOf(sequelize, entitlementIds, transaction)).map(applicationView);
}

/**
 * A course grant entitlement's balance from its ledger account. A lapsed or cancelled application's
 * release undoes its grant, so:
 *   granted   = grants net of releases (what live applications fund)
 *   reserved  = open holds (pending or verified applications)
 *   used      = captured by providers' claims
 *   available = balance - open holds
 */
export async function courseGrantEntitlementBalance(
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

/** One page of a centre's applications to verify (pending) or to claim (verified), soonest deadline first. */
export async function listCentreApplicationViews(
  sequelize: Sequelize,
  query: { centreId: string; status: 'pending_verification' | 'verified'; offset: number; limit: number },
): Promise<{ items: ApplicationView[]; total: number }> {
  const found = await listCentreApplications(sequelize, query);
  return { items: found.items.map(applicationView), total: found.total };
}

/** The job registry runs these (server/jobs/job-registry.ts); each returns how many rows it changed. */
export const applicationsJobs = [
  { name: 'lapse-unverified-applications', run: (app: AppContext, now: Date) => lapseUnverifiedApplications(app, now) },
  // Lottery windows closed before today are drawn once; then everyone who entered hears the outcome.
  { name: 'draw-closed-windows', run: (app: AppContext, now: Date) => drawClosedWindows(app, now) },
  { name: 'notify-drawn-entries', run: (app: AppContext, now: Date) => notifyDrawnEntries(app, now) },
];

/** What a course grant would fund of a course at `price` today, and what the learner pays: the terms its claim uses. */
export async function quoteCourseGrant(app: AppContext, programmeCode: string, price: Decimal) {
  const today = app.clock.today();
  const terms = courseGrantParametersOf(programmeCode, await parametersOn(app.sequelize, programmeCode, today), today);
  return fundingOf(price, terms.yearlyMaximum);
}
export { applicationResponse } from './application-response-schemas.js';

// Credit lots as the other components see them (docs/design/programme-kinds.md, kind
// credit_lots): the claim that turns a course into an application drawn from the citizen's lots
// (its route is the claim route of every programme, server/claims), rendered as its answer; a
// citizen's lots with their balances, as their right shows them; and the time-driven jobs that
// grant lots come due and return what is left of expired ones to the budget.
import type { AppContext } from '../app-context.js';
import { expireLots } from './lot-expiry-job.js';
import { grantLotsComeDue } from './lot-grant-job.js';

/**
 * `claimCreditLots(app, { code, principal, courseId, transaction, language })` decides and writes a
 * claim in the caller's transaction (run it through answerInTransaction);
 * `creditLotsClaimReply(claim, instance)` renders it.
 */
export { claimCreditLots, type CreditLotsClaim } from './credit-claim.js';
export { creditLotsClaimReply } from './credit-claim-reply.js';
/** A credit-lots right's lots (name, source, amount, balance, held, expiry, course tags) and its balance over them, as of `today`. */
export { creditRightView, type LotView } from './lot-view.js';

/** The job registry runs these (server/jobs/job-registry.ts); each returns how many rows it changed. */
export const creditLotsJobs = [
  // Before the expiry: a lot that came due today is granted before anything expires.
  { name: 'grant-credit-lots-come-due', run: (app: AppContext, now: Date) => grantLotsComeDue(app, now) },
  { name: 'expire-credit-lots', run: (app: AppContext, now: Date) => expireLots(app, now) },
];
export { lotDrawResponse, lotResponse } from './credit-lots-response-schemas.js';

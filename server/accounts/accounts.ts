// Accruing accounts (France's CPF) as the other components see them: the claim of an
// accruing_account programme (its route is the claims component's; the accrual, the account and
// the application spending it happen there) rendered as its answer; an account's own money and
// top-ups as its holder reads them; the applier of an approved top-up; and the time-driven jobs:
// the yearly accrual of every account and the return of top-ups past their deadline.
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { ChangeAppliers } from '../approvals/approvals.js';
import type { EntitlementBalance } from '../ledger/ledger.js';
import { accountBalance, accountTopUps, type TopUpView } from './account-view.js';
import { accrueAccounts } from './accrual-job.js';
import { returnLapsedTopUps } from './top-up-return-job.js';
import { applyApprovedTopUp } from './top-up-service.js';

/** `claimAccount(app, { code, principal, courseId, language, transaction })`, answered by `accountClaimReply(claim, instance)`. */
export { claimAccount, type AccountClaim } from './account-claim.js';
export { accountClaimReply } from './account-claim-reply.js';
export type { TopUpView };

/** How an approved top-up is credited (wired into approvals by server/routes.ts). */
export const accountsChangeAppliers: Pick<ChangeAppliers, 'account_top_up'> = { account_top_up: applyApprovedTopUp };

/** The citizen's own money of an account (entitlement `entitlementId`, ledger account `accountId`). */
export const accruingAccountBalance = (
  sequelize: Sequelize,
  account: { entitlementId: string; accountId: string },
  transaction?: Transaction,
): Promise<EntitlementBalance> => accountBalance(sequelize, account, transaction);

/** Each top-up of the account with its funder, what is left and its deadline, the earliest deadline first. */
export const topUpsOfAccount = (sequelize: Sequelize, entitlementId: string, transaction?: Transaction): Promise<TopUpView[]> =>
  accountTopUps(sequelize, entitlementId, transaction);

/** The job registry runs these (server/jobs/job-registry.ts); each returns how many rows it changed. */
export const accountsJobs = [
  { name: 'accrue-accounts', run: (app: AppContext, now: Date) => accrueAccounts(app, now) },
  { name: 'return-lapsed-top-ups', run: (app: AppContext, now: Date) => returnLapsedTopUps(app, now) },
];
export { accountResponse, topUpResponse } from './account-response-schemas.js';

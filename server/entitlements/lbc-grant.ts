// An LBC claim, in one transaction: the citizen row is locked (two claims of one citizen wait
// for each other, so the "no right in the last 6 years" rule sees the first one), eligibility is
// decided for today, the programme must be open, and the grant moves 7 hours from the hour pool
// to the new entitlement and commits their price at the hourly fee from the budget to the
// programme's commitments, as one balanced ledger transaction in two units.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { AppError, conflict, notFound } from '../errors.js';
import { decideEligibility, type DecisionView } from '../eligibility/eligibility.js';
import { addDays, addYears } from '../shared/calendar.js';
import type { Language } from '../shared/language.js';
import { postTransaction } from '../ledger/ledger.js';
import { insertEntitlement, lockCitizen, setGrantTransaction } from './entitlement-store.js';
import { entitlementView, type EntitlementView } from './entitlement-view.js';
import { afterBudgetCharge, assertProgrammeOpen, hoursVoucherParametersOn, openBudgetAccounts } from '../programmes/programmes.js';
import { openCommitments, openEntitlementAccount, openHourPool } from './entitlements.js';

export type ClaimInput = { principal: Principal; transaction: Transaction; language: Language };

/**
 * The entitlement granted, with the money committed and the decision; a refusal for eligibility
 * is RETURNED (not thrown), so the decision it names stays stored and can be read and replayed.
 */
export type LbcClaim =
  | { result: 'granted'; entitlement: EntitlementView; committed: { amount: string; currency: 'EUR' }; decision: DecisionView }
  | { refusal: 'not_eligible'; decision: DecisionView };

export async function claimLbc(app: AppContext, input: ClaimInput): Promise<LbcClaim> {
  const { sequelize } = app;
  const t = input.transaction;
  const citizenId = input.principal.citizenId;
  if (!citizenId || !(await lockCitizen(sequelize, citizenId, t))) throw notFound('Citizen');
  const today = app.clock.today();
  const decision = await decideEligibility(
    app,
    { citizenId, programmeCode: 'LBC', referenceDate: today, actor: { userId: input.principal.userId }, language: input.language },
    t,
  );
  if (!decision.eligible) return { refusal: 'not_eligible', decision };
  const parameters = await hoursVoucherParametersOn(sequelize, 'LBC', today, t);
  await assertProgrammeOpen(sequelize, 'LBC', today, t, parameters.values);
  const entitlementId = randomUUID();
  const pool = await openHourPool(sequelize, 'LBC', t);
  const commitments = await openCommitments(sequelize, 'LBC', 'EUR', t);
  const budget = await openBudgetAccounts(sequelize, 'LBC', t);
  const accountId = await openEntitlementAccount(sequelize, 'LBC', entitlementId, 'HOUR', t);
  const entitlement = await insertEntitlement(
    sequelize,
    {
      id: entitlementId,
      citizenId,
      programmeCode: 'LBC',
      periodStart: today,
      periodEnd: addDays(addYears(today, parameters.rightPeriodYears), -1),
      decisionId: decision.decisionId,
      accountId,
      hourlyFee: parameters.hourlyFee.toFixed(3),
    },
    t,
  );
  const hours = parameters.rightHours;
  const money = hours.times(parameters.hourlyFee).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'grant',
      businessDate: today,
      idempotencyKey: `lbc-grant:${entitlementId}`,
      metadata: { programme: 'LBC', entitlementId, citizenId, decisionId: decision.decisionId, hourlyFee: parameters.hourlyFee.toFixed(3) },
      entries: [
        { accountId: pool, amount: hours.negated() },
        { accountId, amount: hours },
        { accountId: budget.budgetAccountId, amount: money.negated() },
        { accountId: commitments, amount: money },
      ],
    },
    t,
  ).catch((error: unknown) => {
    throw budgetShort(error, budget.budgetAccountId);
  });
  await setGrantTransaction(sequelize, entitlementId, posted.transactionId, t);
  await afterBudgetCharge(sequelize, 'LBC', t);
  const view = await entitlementView(sequelize, { ...entitlement, grant_transaction_id: posted.transactionId }, t);
  return { result: 'granted', entitlement: view, committed: { amount: money.toFixed(2), currency: 'EUR' }, decision };
}

/** The budget account is the one that may not go negative here: short means the programme is out of money. */
function budgetShort(error: unknown, budgetAccountId: string): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict('budget_exhausted', 'Programme LBC has no budget left to fund this right.', { reason: 'budget_exhausted' });
  }
  return error;
}

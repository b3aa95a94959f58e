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
import { AppError, conflict, notFound, RuleViolation } from '../errors.js';
import { decideEligibility, type DecisionView } from '../eligibility/decision-service.js';
import { addDays, addYears } from '../shared/calendar.js';
import type { Language } from '../shared/language.js';
import { problemOf } from '../http/problem.js';
import { postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts } from '../programmes/budget-accounts.js';
import { afterBudgetCharge, assertProgrammeOpen } from '../programmes/budget-guard.js';
import { insertEntitlement, lockCitizen, setGrantTransaction } from './entitlement-store.js';
import { entitlementView } from './entitlement-view.js';
import { lbcParametersOn } from '../programmes/programmes.js';
import { openCommitments, openEntitlementAccount, openHourPool } from './programme-accounts.js';

export type ClaimInput = { principal: Principal; transaction: Transaction; language: Language; instance: string };

/**
 * 201 with the entitlement and the decision; a refusal for eligibility is RETURNED (not thrown) as
 * a 422 reply, so the decision it names stays stored and can be read and replayed later.
 */
export async function claimLbc(app: AppContext, input: ClaimInput) {
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
  if (!decision.eligible) return { status: 422, body: notEligibleProblem(decision, input.instance) };
  const parameters = await lbcParametersOn(sequelize, today, t);
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
  return { status: 201, body: { ...view, committed: { amount: money.toFixed(2), currency: 'EUR' }, decision } };
}

function notEligibleProblem(decision: DecisionView, instance: string) {
  const error = new RuleViolation('not_eligible', 'You are not eligible for this programme today.', {
    reasons: decision.reasons,
    decisionId: decision.decisionId,
    nextEligibleOn: decision.nextEligibleOn,
    ruleSet: decision.ruleSet,
  });
  return problemOf(error, instance);
}

/** The budget account is the one that may not go negative here: short means the programme is out of money. */
function budgetShort(error: unknown, budgetAccountId: string): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict('budget_exhausted', 'Programme LBC has no budget left to fund this right.', { reason: 'budget_exhausted' });
  }
  return error;
}

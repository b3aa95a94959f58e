// A claim on an hours_voucher programme (loopbaancheques and their successors), in one
// transaction: the citizen row is locked (two claims of one citizen wait for each other, so a
// rule such as "no right in the last 6 years" sees the first one), eligibility is decided for
// today, the programme must be open, and the grant moves the right's hours from the programme's
// hour pool to the new entitlement and commits their price at the hourly fee from the budget to
// the programme's commitments, as one balanced ledger transaction in two units (hours and the
// programme's currency). Every number comes from the claimed programme's version in force.
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
import {
  afterBudgetCharge,
  assertProgrammeOpen,
  findProgramme,
  hoursVoucherParametersOn,
  openBudgetAccounts,
} from '../programmes/programmes.js';
import { openCommitments, openEntitlementAccount, openHourPool } from './entitlements.js';

export type HoursVoucherClaimInput = { code: string; principal: Principal; transaction: Transaction; language: Language };

/**
 * The entitlement granted, with the money committed and the decision; a refusal for eligibility
 * is RETURNED (not thrown), so the decision it names stays stored and can be read and replayed.
 */
export type HoursVoucherClaim =
  | { result: 'granted'; entitlement: EntitlementView; committed: { amount: string; currency: string }; decision: DecisionView }
  | { refusal: 'not_eligible'; decision: DecisionView };

export async function claimHoursVoucher(app: AppContext, input: HoursVoucherClaimInput): Promise<HoursVoucherClaim> {
  const { sequelize } = app;
  const { code, transaction: t } = input;
  const programme = await findProgramme(sequelize, code, t);
  // The claims dispatcher only sends hours_voucher programmes here; anything else is a wiring bug.
  if (programme?.kind !== 'hours_voucher') throw new Error(`programme ${code} is not an hours voucher`);
  const citizenId = input.principal.citizenId;
  if (!citizenId || !(await lockCitizen(sequelize, citizenId, t))) throw notFound('Citizen');
  const today = app.clock.today();
  const decision = await decideEligibility(
    app,
    { citizenId, programmeCode: code, referenceDate: today, actor: { userId: input.principal.userId }, language: input.language },
    t,
  );
  if (!decision.eligible) return { refusal: 'not_eligible', decision };
  const parameters = await hoursVoucherParametersOn(sequelize, code, today, t);
  await assertProgrammeOpen(sequelize, code, today, t, parameters.values);
  const entitlementId = randomUUID();
  const pool = await openHourPool(sequelize, code, t);
  const commitments = await openCommitments(sequelize, code, programme.currency, t);
  const budget = await openBudgetAccounts(sequelize, code, t);
  const accountId = await openEntitlementAccount(sequelize, code, entitlementId, programme.unit, t);
  const entitlement = await insertEntitlement(
    sequelize,
    {
      id: entitlementId,
      citizenId,
      programmeCode: code,
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
      idempotencyKey: `hours-voucher-grant:${entitlementId}`,
      metadata: { programme: code, entitlementId, citizenId, decisionId: decision.decisionId, hourlyFee: parameters.hourlyFee.toFixed(3) },
      entries: [
        { accountId: pool, amount: hours.negated() },
        { accountId, amount: hours },
        { accountId: budget.budgetAccountId, amount: money.negated() },
        { accountId: commitments, amount: money },
      ],
    },
    t,
  ).catch((error: unknown) => {
    throw budgetShort(error, code, budget.budgetAccountId);
  });
  await setGrantTransaction(sequelize, entitlementId, posted.transactionId, t);
  await afterBudgetCharge(sequelize, code, t);
  const view = await entitlementView(sequelize, { ...entitlement, grant_transaction_id: posted.transactionId }, t);
  return { result: 'granted', entitlement: view, committed: { amount: money.toFixed(2), currency: programme.currency }, decision };
}

/** The budget account is the one that may not go negative here: short means the programme is out of money. */
function budgetShort(error: unknown, code: string, budgetAccountId: string): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict('budget_exhausted', `Programme ${code} has no budget left to fund this right.`, { reason: 'budget_exhausted' });
  }
  return error;
}

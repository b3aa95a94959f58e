// Granting lots: each lot of the parameters in force whose conditions hold for the citizen on the
// day (old enough, inside its grant window, in the group a rule of the rule set puts them in) and
// that the citizen does not hold yet is granted once: its own ledger account in the programme's
// currency, funded from the programme's budget [grant], with its expiry and course tags. The
// caller holds the citizen's row, so two grants of one citizen go one at a time; the lot's unique
// row and the grant's ledger key make a second grant impossible even so.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { AppError, conflict } from '../errors.js';
import { openAccount, postTransaction } from '../ledger/ledger.js';
import { afterBudgetCharge, openBudgetAccounts, type CreditLot } from '../programmes/programmes.js';
import { dueLots, expiryOf, type Grantee } from './lot-rules.js';
import { insertLotGrant, lotsOf } from './lot-store.js';

export type LotGrantRequest = {
  programmeCode: string;
  citizenId: string;
  grantee: Grantee;
  lots: readonly CreditLot[];
  /** The decision that found the citizen eligible on `today`. */
  decisionId: string;
  today: string;
};

/** Grants the lots due and not held yet; returns the names of those granted now. */
export async function grantDueLots(app: AppContext, request: LotGrantRequest, t: Transaction): Promise<string[]> {
  const { sequelize } = app;
  const { programmeCode: code, citizenId, today } = request;
  const held = new Set((await lotsOf(sequelize, { programmeCode: code, citizenId }, { transaction: t })).map((lot) => lot.lot));
  const due = dueLots(request.lots, request.grantee, today).filter((lot) => !held.has(lot.lot));
  if (due.length === 0) return [];
  const budget = await openBudgetAccounts(sequelize, code, t);
  for (const lot of due) {
    const id = randomUUID();
    const amount = new Decimal(lot.amount);
    const accountId = await openAccount(
      sequelize,
      { ownerType: 'credit_lot', ownerId: id, programmeCode: code, unit: budget.currency, mayGoNegative: false },
      t,
    );
    const posted = await postTransaction(
      sequelize,
      {
        kind: 'grant',
        businessDate: today,
        idempotencyKey: `credit-lot-grant:${code}:${citizenId}:${lot.lot}`,
        metadata: { programme: code, citizenId, lot: lot.lot, lotGrantId: id, decisionId: request.decisionId },
        entries: [
          { accountId: budget.budgetAccountId, amount: amount.negated() },
          { accountId, amount },
        ],
      },
      t,
    ).catch((error: unknown) => {
      throw budgetShort(error, code, budget.budgetAccountId);
    });
    await insertLotGrant(
      sequelize,
      {
        id,
        programmeCode: code,
        citizenId,
        lot: lot.lot,
        amount,
        currency: budget.currency,
        grantedOn: today,
        expiresOn: expiryOf(lot, today),
        courseTags: lot.courseTags,
        decisionId: request.decisionId,
        accountId,
        grantTransactionId: posted.transactionId,
      },
      t,
    );
  }
  await afterBudgetCharge(sequelize, code, t);
  return due.map((lot) => lot.lot);
}

/** The budget account is the one that may not go negative here: short means the programme is out of money. */
function budgetShort(error: unknown, code: string, budgetAccountId: string): unknown {
  if (error instanceof AppError && error.code === 'insufficient_balance' && error.extra.accountId === budgetAccountId) {
    return conflict('budget_exhausted', `Programme ${code} has no budget left to grant this credit.`, { reason: 'budget_exhausted' });
  }
  return error;
}

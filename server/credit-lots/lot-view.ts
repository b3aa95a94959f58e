// How a citizen's lots read (GET /v1/me/entitlements, on a credit-lots right): each lot with where
// it came from, what it was, what it still holds (balance), the part of that held for applications
// not yet claimed, what is free to spend (available), when it ends and what it may pay for. A lot
// past its last day reads as expired with nothing available: what was free went back to the budget.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { lotsOf, type LotGrant } from './lot-store.js';

const money = (amount: Decimal, currency: string) => ({ amount: amount.toFixed(2), currency });

export function lotView(lot: LotGrant, today: string) {
  const expired = lot.expiresOn !== null && lot.expiresOn < today;
  const available = expired ? new Decimal(0) : lot.available;
  return {
    lot: lot.lot,
    source: { kind: 'grant', grantedOn: lot.grantedOn, transactionId: lot.grantTransactionId },
    amount: money(lot.amount, lot.currency),
    balance: money(available.plus(lot.held), lot.currency),
    held: money(lot.held, lot.currency),
    available: money(available, lot.currency),
    spent: money(lot.spent, lot.currency),
    expiresOn: lot.expiresOn,
    status: expired ? 'expired' : 'active',
    courseTags: lot.courseTags,
  };
}

export type LotView = ReturnType<typeof lotView>;

/**
 * A credit-lots right as its holder reads it: its lots, and its balance summed over them:
 *   granted   = every lot's amount
 *   reserved  = held for applications not yet claimed
 *   used      = claimed by providers
 *   available = free on lots that have not ended
 */
export async function creditRightView(
  sequelize: Sequelize,
  right: { programmeCode: string; citizenId: string; currency: string },
  today: string,
  transaction?: Transaction,
) {
  const lots = await lotsOf(sequelize, right, { transaction });
  const views = lots.map((lot) => lotView(lot, today));
  const sum = (pick: (view: LotView) => { amount: string }) => views.reduce((total, view) => total.plus(pick(view).amount), new Decimal(0));
  return {
    balance: {
      granted: sum((view) => view.amount).toFixed(2),
      reserved: sum((view) => view.held).toFixed(2),
      used: sum((view) => view.spent).toFixed(2),
      available: sum((view) => view.available).toFixed(2),
      unit: right.currency,
    },
    lots: views,
  };
}

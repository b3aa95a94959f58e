// The cheque's hour movements. The callers hold the cheque row FOR UPDATE, so no session can
// slip in between reading the cheque account's balance and moving it.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { getAccount, postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts } from '../programmes/programmes.js';
import type { VoucherRow } from './voucher-store.js';
import { openCommitments, openHourPool } from '../entitlements/entitlements.js';

type Move = {
  voucher: VoucherRow;
  entitlementAccountId: string;
  businessDate: string;
  reason: string;
  key: string;
  kind?: 'release' | 'expire';
};

/** What is left on the cheque's account (0 once released). */
export async function voucherBalance(sequelize: Sequelize, voucher: VoucherRow, transaction: Transaction): Promise<Decimal> {
  return (await getAccount(sequelize, voucher.account_id, transaction))?.balance ?? new Decimal(0);
}

/** [release] (or [expire], rule 'return') what is left on the cheque back to the entitlement; undefined when nothing is left. */
export async function releaseToEntitlement(sequelize: Sequelize, move: Move, transaction: Transaction): Promise<string | undefined> {
  const left = await voucherBalance(sequelize, move.voucher, transaction);
  if (left.lte(0)) return undefined;
  const posted = await postTransaction(
    sequelize,
    {
      kind: move.kind ?? 'release',
      businessDate: move.businessDate,
      idempotencyKey: move.key,
      metadata: { voucherId: move.voucher.id, voucherCode: move.voucher.code, reason: move.reason },
      entries: [
        { accountId: move.voucher.account_id, amount: left.negated() },
        { accountId: move.entitlementAccountId, amount: left },
      ],
    },
    transaction,
  );
  return posted.transactionId;
}

/**
 * [expire] with the programme's rule 'forfeit': the hours go back to the hour pool and the money
 * committed for them at grant (at the fee of the grant, rounded to the cent, in the programme's
 * currency) back to the budget.
 */
export async function forfeitToProgramme(
  sequelize: Sequelize,
  move: Omit<Move, 'entitlementAccountId'> & { hourlyFeeAtGrant: Decimal; currency: string },
  transaction: Transaction,
): Promise<string | undefined> {
  const left = await voucherBalance(sequelize, move.voucher, transaction);
  if (left.lte(0)) return undefined;
  const code = move.voucher.programme_code;
  const money = left.times(move.hourlyFeeAtGrant).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const pool = await openHourPool(sequelize, code, transaction);
  const commitments = await openCommitments(sequelize, code, move.currency, transaction);
  const { budgetAccountId } = await openBudgetAccounts(sequelize, code, transaction);
  const entries = [
    { accountId: move.voucher.account_id, amount: left.negated() },
    { accountId: pool, amount: left },
  ];
  if (money.gt(0)) entries.push({ accountId: commitments, amount: money.negated() }, { accountId: budgetAccountId, amount: money });
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'expire',
      businessDate: move.businessDate,
      idempotencyKey: move.key,
      metadata: { voucherId: move.voucher.id, voucherCode: move.voucher.code, reason: move.reason, forfeited: true },
      entries,
    },
    transaction,
  );
  return posted.transactionId;
}

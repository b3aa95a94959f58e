// The citizen cancels a cheque before it is used (awaiting payment, or issued and not yet
// registered at a centre): the cheque is cancelled and its hours return to the entitlement
// [release]. A paid co-payment is refunded outside this service.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { normaliseCode } from './voucher-codes.js';
import { releaseToEntitlement } from './voucher-ledger.js';
import { findVoucherByCode, moveVoucher } from './voucher-store.js';
import { voucherView } from './voucher-view.js';
import { entitlementAccountId, findEntitlement } from '../entitlements/entitlements.js';

export async function cancelVoucher(app: AppContext, input: { principal: Principal; code: string; transaction?: Transaction }) {
  const { sequelize } = app;
  return inTransaction(sequelize, input.transaction, async (t) => {
    const voucher = await findVoucherByCode(sequelize, normaliseCode(input.code), { transaction: t, lock: 'update' });
    if (!voucher || voucher.citizen_id !== input.principal.citizenId) throw notFound('Voucher');
    if (voucher.status !== 'awaiting_payment' && voucher.status !== 'issued') {
      throw conflict('voucher_not_cancellable', `The cheque is ${voucher.status}: only an unused cheque can be cancelled.`, {
        status: voucher.status,
      });
    }
    const entitlement = await findEntitlement(sequelize, voucher.entitlement_id, { transaction: t });
    const accountId = entitlement && (await entitlementAccountId(sequelize, entitlement, t));
    if (!accountId) throw new Error(`voucher ${voucher.id} has no entitlement account`);
    const today = app.clock.today();
    const release = await releaseToEntitlement(
      sequelize,
      {
        voucher,
        entitlementAccountId: accountId,
        businessDate: today,
        reason: 'cancelled by the citizen',
        key: `voucher-release:${voucher.id}`,
      },
      t,
    );
    const moved = await moveVoucher(
      sequelize,
      voucher.id,
      ['awaiting_payment', 'issued'],
      {
        status: 'cancelled',
        release_transaction_id: release ?? null,
        ended_at: app.clock.now(),
      },
      t,
    );
    if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
    return voucherView(moved);
  });
}

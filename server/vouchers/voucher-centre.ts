// What a centre does with a cheque besides sessions: register it (with the client number the
// citizen gave it, binding the cheque to this centre) and close it with a personal development
// plan, which returns the hours not used to the entitlement [release].
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { assertActiveAccreditation } from '../centres/accreditation-check.js';
import { inTransaction, queryRows } from '../db/database.js';
import { conflict } from '../errors.js';
import { findEntitlement } from '../entitlements/entitlement-store.js';
import { entitlementAccountId } from '../entitlements/entitlement-view.js';
import { centreVoucher, type CentreVoucherRequest } from './centre-voucher-access.js';
import { releaseToEntitlement, voucherBalance } from './voucher-ledger.js';
import { moveVoucher } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

export type DevelopmentPlan = { summary: string; goals: string[] };

export async function registerVoucher(app: AppContext, request: CentreVoucherRequest & { clientNumber: string }, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const voucher = await centreVoucher(app, request, t);
    const today = app.clock.today();
    await assertActiveAccreditation(app.sequelize, request.centreId, voucher.programme_code, today, t);
    if (voucher.status !== 'issued') {
      throw conflict('voucher_not_issued', `The cheque is ${voucher.status}: only an issued (paid, unused) cheque can be registered.`, { status: voucher.status });
    }
    if (voucher.valid_until !== null && today > voucher.valid_until) {
      throw conflict('voucher_expired', `The cheque was valid until ${voucher.valid_until}.`);
    }
    const moved = await moveVoucher(app.sequelize, voucher.id, ['issued'], { status: 'in_use', centre_id: request.centreId, registered_at: app.clock.now() }, t);
    if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
    return voucherView(moved, { remaining: await voucherBalance(app.sequelize, moved, t), showClientNumber: false });
  });
}

export async function closeVoucher(app: AppContext, request: CentreVoucherRequest & { plan: DevelopmentPlan }, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const voucher = await centreVoucher(app, request, t);
    if (voucher.status !== 'in_use') throw conflict('voucher_not_in_use', `The cheque is ${voucher.status}: only a cheque in use can be closed.`, { status: voucher.status });
    const [sessions] = await queryRows<{ n: string }>(
      app.sequelize,
      `SELECT count(*) AS n FROM voucher_sessions WHERE voucher_id = $1 AND status = 'recorded'`,
      [voucher.id],
      { transaction: t },
    );
    if (Number(sessions?.n ?? 0) === 0) throw conflict('no_sessions', 'A cheque is closed after at least one recorded session.');
    const entitlement = await findEntitlement(app.sequelize, voucher.entitlement_id, { transaction: t });
    const accountId = entitlement && (await entitlementAccountId(app.sequelize, entitlement, t));
    if (!accountId) throw new Error(`voucher ${voucher.id} has no entitlement account`);
    const release = await releaseToEntitlement(
      app.sequelize,
      { voucher, entitlementAccountId: accountId, businessDate: app.clock.today(), reason: 'closed with a development plan', key: `voucher-release:${voucher.id}` },
      t,
    );
    const moved = await moveVoucher(app.sequelize, voucher.id, ['in_use'], {
      status: 'closed',
      development_plan: request.plan,
      release_transaction_id: release ?? null,
      ended_at: app.clock.now(),
    }, t);
    if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
    return voucherView(moved, { remaining: await voucherBalance(app.sequelize, moved, t), showClientNumber: false });
  });
}

// A centre closes a cheque in use with a personal development plan, which returns the hours not
// used to the entitlement [release]. Only while the centre is accredited: a suspended centre
// closes nothing, and learns nothing about the code either (the accreditation is checked first).
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { conflict } from '../errors.js';
import { assertAccreditedForCode, centreVoucher, type CentreVoucherRequest } from './centre-voucher-access.js';
import { releaseToEntitlement, voucherBalance } from './voucher-ledger.js';
import { recordedSessionCount } from './session-store.js';
import { moveVoucher } from './voucher-store.js';
import { voucherView } from './voucher-view.js';
import { entitlementAccountId, findEntitlement } from '../entitlements/entitlements.js';

export type DevelopmentPlan = { summary: string; goals: string[] };

export async function closeVoucher(app: AppContext, request: CentreVoucherRequest & { plan: DevelopmentPlan }) {
  await assertAccreditedForCode(app, request.centreId, request.code);
  return app.sequelize.transaction(async (t) => {
    const voucher = await centreVoucher(app, request, t);
    if (voucher.status !== 'in_use')
      throw conflict('voucher_not_in_use', `The cheque is ${voucher.status}: only a cheque in use can be closed.`, {
        status: voucher.status,
      });
    if ((await recordedSessionCount(app.sequelize, voucher.id, t)) === 0)
      throw conflict('no_sessions', 'A cheque is closed after at least one recorded session.');
    const entitlement = await findEntitlement(app.sequelize, voucher.entitlement_id, { transaction: t });
    const accountId = entitlement && (await entitlementAccountId(app.sequelize, entitlement, t));
    if (!accountId) throw new Error(`voucher ${voucher.id} has no entitlement account`);
    const release = await releaseToEntitlement(
      app.sequelize,
      {
        voucher,
        entitlementAccountId: accountId,
        businessDate: app.clock.today(),
        reason: 'closed with a development plan',
        key: `voucher-release:${voucher.id}`,
      },
      t,
    );
    const moved = await moveVoucher(
      app.sequelize,
      voucher.id,
      ['in_use'],
      {
        status: 'closed',
        development_plan: request.plan,
        release_transaction_id: release ?? null,
        ended_at: app.clock.now(),
      },
      t,
    );
    if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
    // By the cheque's id: its code (with a client number) is what registers a cheque, so the log names neither.
    await recordAudit(app.sequelize, t, {
      actor: request.principal,
      action: 'voucher.closed',
      entityType: 'voucher',
      entityId: voucher.id,
      before: { status: voucher.status, centreId: voucher.centre_id },
      after: {
        status: moved.status,
        centreId: moved.centre_id,
        releaseTransactionId: moved.release_transaction_id,
        endedAt: moved.ended_at?.toISOString() ?? null,
      },
      ...(request.requestId ? { requestId: request.requestId } : {}),
    });
    return voucherView(moved, { remaining: await voucherBalance(app.sequelize, moved, t), showClientNumber: false });
  });
}

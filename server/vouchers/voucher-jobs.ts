// Time-driven cheque changes, safe with several instances: each batch takes its due cheques
// FOR UPDATE SKIP LOCKED (another instance, or a user flow holding a cheque, makes it skip that
// row until the next run), and each cheque's state change and ledger posting commit together.
// `now` comes from the caller, never from the wall clock, so tests and the scheduler decide.
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { findProgramme, hoursVoucherParametersOn, type HoursVoucherFlowParameters } from '../programmes/programmes.js';
import { citizenUserId } from '../citizens/citizens.js';
import { notify } from '../notifications/notifications.js';
import { forfeitToProgramme, releaseToEntitlement } from './voucher-ledger.js';
import { moveVoucher, takeDueVouchers, type DueVouchers, type VoucherRow } from './voucher-store.js';
import { entitlementAccountId, findEntitlement } from '../entitlements/entitlements.js';

const BATCH = 25;

async function inBatches(
  app: AppContext,
  due: DueVouchers,
  today: string,
  handle: (voucher: VoucherRow, t: Transaction) => Promise<void>,
): Promise<number> {
  let done = 0;
  for (;;) {
    const count = await app.sequelize.transaction(async (t) => {
      const vouchers = await takeDueVouchers(app.sequelize, due, today, BATCH, t);
      for (const voucher of vouchers) await handle(voucher, t);
      return vouchers.length;
    });
    done += count;
    if (count < BATCH) return done;
  }
}

async function entitlementAccountOf(app: AppContext, voucher: VoucherRow, t: Transaction) {
  const entitlement = await findEntitlement(app.sequelize, voucher.entitlement_id, { transaction: t });
  const accountId = entitlement && (await entitlementAccountId(app.sequelize, entitlement, t));
  if (!entitlement || !accountId) throw new Error(`voucher ${voucher.id} has no entitlement account`);
  return { entitlement, accountId };
}

async function tellCitizen(app: AppContext, voucher: VoucherRow, t: Transaction, message: { kind: string; subject: string; body: string }) {
  const userId = await citizenUserId(app.sequelize, voucher.citizen_id, t);
  if (userId) await notify(app.sequelize, t, { userId, ...message, data: { voucherCode: voucher.code } });
}

/** Unpaid past the due date: the order lapses (cancelled, co-payment lapsed) and its hours return. */
export async function lapseUnpaidVouchers(app: AppContext, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  return inBatches(app, 'unpaid', today, async (voucher, t) => {
    const { accountId } = await entitlementAccountOf(app, voucher, t);
    const release = await releaseToEntitlement(
      app.sequelize,
      {
        voucher,
        entitlementAccountId: accountId,
        businessDate: today,
        reason: 'co-payment not paid in time',
        key: `voucher-release:${voucher.id}`,
      },
      t,
    );
    await moveVoucher(
      app.sequelize,
      voucher.id,
      ['awaiting_payment'],
      { status: 'cancelled', co_payment_status: 'lapsed', release_transaction_id: release ?? null, ended_at: now },
      t,
    );
    await tellCitizen(app, voucher, t, {
      kind: 'voucher_lapsed',
      subject: `Your cheque order ${voucher.code} lapsed`,
      body: `The co-payment was not received by ${voucher.due_by}; the hours are back on your right and you can order again.`,
    });
  });
}

/** What the expiry of a programme's cheques reads: its parameters in force and its currency. */
type ExpiryTerms = { parameters: HoursVoucherFlowParameters; currency: string };

async function expiryTermsOf(app: AppContext, code: string, today: string): Promise<ExpiryTerms> {
  const programme = await findProgramme(app.sequelize, code);
  if (!programme) throw new Error(`cheques name programme ${code}, which does not exist`);
  return { parameters: await hoursVoucherParametersOn(app.sequelize, code, today), currency: programme.currency };
}

/**
 * Issued or in use past the validity: expired; what is left goes where the rule in force of the
 * cheque's own programme says (each hours voucher programme has its own), read once per programme a run meets.
 */
export async function expireVouchers(app: AppContext, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const terms = new Map<string, Promise<ExpiryTerms>>();
  return inBatches(app, 'past_validity', today, async (voucher, t) => {
    const code = voucher.programme_code;
    const known = terms.get(code) ?? expiryTermsOf(app, code, today);
    terms.set(code, known);
    const { parameters, currency } = await known;
    const { entitlement, accountId } = await entitlementAccountOf(app, voucher, t);
    const move = { voucher, businessDate: today, reason: `valid until ${voucher.valid_until}`, key: `voucher-expire:${voucher.id}` };
    const moved =
      parameters.expiredHours === 'forfeit'
        ? await forfeitToProgramme(
            app.sequelize,
            { ...move, hourlyFeeAtGrant: new Decimal(entitlement.hourly_fee ?? parameters.hourlyFee), currency },
            t,
          )
        : await releaseToEntitlement(app.sequelize, { ...move, entitlementAccountId: accountId, kind: 'expire' }, t);
    await moveVoucher(
      app.sequelize,
      voucher.id,
      ['issued', 'in_use'],
      { status: 'expired', release_transaction_id: moved ?? null, ended_at: now },
      t,
    );
    await tellCitizen(app, voucher, t, {
      kind: 'voucher_expired',
      subject: `Your cheque ${voucher.code} expired`,
      body:
        parameters.expiredHours === 'forfeit'
          ? 'The hours left on it were forfeited, as the programme rules say.'
          : 'The hours left on it are back on your right.',
    });
  });
}

// Confirming a cheque's co-payment (by an administrator or the provider's signed callback): the
// exact amount due, on or before the due date, turns the cheque `issued` and starts its validity
// (voucherValidityMonths of the cheque's programme). The co-payment is the citizen's money paid to the programme operator
// outside this ledger, which tracks the programme's hours and money; the confirmation is audited
// with its reference, which an administrator must give.
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { addMonths } from '../shared/calendar.js';
import { conflict, notFound, RuleViolation, ValidationError } from '../errors.js';
import { hoursVoucherParametersOn } from '../programmes/programmes.js';
import { isPaymentProvider } from './payment-auth.js';
import { normaliseCode } from './voucher-codes.js';
import { findVoucherByCode, moveVoucher } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

export type PaymentInput = {
  principal: Principal;
  code: string;
  amount: Decimal;
  reference?: string | undefined;
  transaction: Transaction;
  requestId: string;
};

export async function confirmPayment(app: AppContext, input: PaymentInput) {
  const { sequelize } = app;
  const t = input.transaction;
  const provider = isPaymentProvider(input.principal);
  // An administrator confirms money seen elsewhere; the reference is what an auditor checks it
  // against. The provider's callback is its own evidence (signed), its reference optional.
  if (!provider && input.reference === undefined) {
    throw new ValidationError([
      { path: '/reference', message: 'is required when an administrator confirms a payment: the bank or payment provider reference' },
    ]);
  }
  const voucher = await findVoucherByCode(sequelize, normaliseCode(input.code), { transaction: t, lock: 'update' });
  if (!voucher) throw notFound('Voucher');
  const today = app.clock.today();
  if (voucher.co_payment_status === 'paid') throw conflict('already_paid', 'The co-payment of this cheque was already confirmed.');
  if (voucher.status !== 'awaiting_payment' || voucher.co_payment_status === 'lapsed') {
    throw conflict('voucher_not_payable', `The cheque is ${voucher.status}: its co-payment can no longer be paid.`, {
      status: voucher.status,
    });
  }
  if (today > voucher.due_by)
    throw conflict('payment_overdue', `The co-payment was due by ${voucher.due_by}; the order has lapsed.`, { dueBy: voucher.due_by });
  const due = new Decimal(voucher.co_payment_amount);
  if (!input.amount.eq(due)) {
    throw new RuleViolation('amount_mismatch', `The co-payment is ${due.toFixed(2)} ${voucher.co_payment_currency}.`, {
      errors: [{ path: '/amount', message: `must equal the co-payment due, ${due.toFixed(2)}` }],
    });
  }
  const parameters = await hoursVoucherParametersOn(sequelize, voucher.programme_code, today, t);
  const moved = await moveVoucher(
    sequelize,
    voucher.id,
    ['awaiting_payment'],
    {
      status: 'issued',
      co_payment_status: 'paid',
      co_payment_reference: input.reference ?? null,
      paid_at: app.clock.now(),
      issued_on: today,
      valid_until: addMonths(today, parameters.voucherValidityMonths),
    },
    t,
  );
  if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
  await recordAudit(sequelize, t, {
    actor: provider ? { userId: null, role: 'payment_provider' } : input.principal,
    action: 'voucher.co_payment.confirmed',
    entityType: 'voucher',
    // By id, never by code: a code with its client number registers the cheque, and the audit log is read by staff.
    entityId: voucher.id,
    before: { status: voucher.status, coPaymentStatus: voucher.co_payment_status },
    after: {
      status: moved.status,
      coPaymentStatus: moved.co_payment_status,
      amount: due.toFixed(2),
      reference: input.reference ?? null,
      validUntil: moved.valid_until,
    },
    requestId: input.requestId,
  });
  return voucherView(moved, { showClientNumber: false });
}

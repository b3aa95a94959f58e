// How a cheque reads in answers. The client number is shown to its owner (who hands it to a
// centre); staff readers see its last two digits, enough to match a citizen's call but not to
// register the cheque (its code is no secret: it is printed, logged and listed); a centre, which
// must already have it, sees none.
import { Decimal } from 'decimal.js';
import { hours } from '../http/schemas.js';
import type { VoucherRow } from './voucher-store.js';

const SHOWN_DIGITS = 2;

export const maskClientNumber = (clientNumber: string) =>
  '*'.repeat(Math.max(0, clientNumber.length - SHOWN_DIGITS)) + clientNumber.slice(-SHOWN_DIGITS);

function clientNumberField(row: VoucherRow, show: boolean | 'masked') {
  if (show === false) return {};
  return { clientNumber: show === 'masked' ? maskClientNumber(row.client_number) : row.client_number };
}

/** `showClientNumber`: true for the cheque's owner only, 'masked' for staff readers, false for a centre. */
export function voucherView(row: VoucherRow, options: { remaining?: Decimal; showClientNumber?: boolean | 'masked' } = {}) {
  return {
    code: row.code,
    ...clientNumberField(row, options.showClientNumber ?? true),
    entitlementId: row.entitlement_id,
    sequence: row.sequence,
    hours: hours(new Decimal(row.hours)),
    ...(options.remaining ? { remainingHours: hours(options.remaining) } : {}),
    status: row.status,
    coPayment: {
      amount: new Decimal(row.co_payment_amount).toFixed(2),
      currency: row.co_payment_currency,
      status: row.co_payment_status,
      dueBy: row.due_by,
      paidAt: row.paid_at ? row.paid_at.toISOString() : null,
    },
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    centreId: row.centre_id,
    registeredAt: row.registered_at ? row.registered_at.toISOString() : null,
    developmentPlan: row.development_plan ?? null,
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    ledger: {
      accountId: row.account_id,
      reserveTransactionId: row.reserve_transaction_id,
      releaseTransactionId: row.release_transaction_id,
    },
    createdAt: row.created_at.toISOString(),
  };
}

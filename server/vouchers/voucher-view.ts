// How a cheque reads in answers. The client number is shown to its owner (who hands it to a
// centre) and to staff readers, never to a centre, which must already have it.
import { Decimal } from 'decimal.js';
import { hours } from '../http/schemas.js';
import type { VoucherRow } from './voucher-store.js';

export function voucherView(row: VoucherRow, options: { remaining?: Decimal; showClientNumber?: boolean } = {}) {
  return {
    code: row.code,
    ...(options.showClientNumber === false ? {} : { clientNumber: row.client_number }),
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
    ledger: { accountId: row.account_id, reserveTransactionId: row.reserve_transaction_id, releaseTransactionId: row.release_transaction_id },
    createdAt: row.created_at.toISOString(),
  };
}

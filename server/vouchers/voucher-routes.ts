// The citizen's and the administrator's side of cheques: order, pay, cancel, read, dispute.
import { STAFF_READERS } from '../auth/principal.js';
import { defineRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { openDispute } from './dispute-service.js';
import { authenticatePayment } from './payment-auth.js';
import { cancelVoucher } from './voucher-cancel.js';
import { orderVoucher } from './voucher-order.js';
import { confirmPayment } from './voucher-payment.js';
import { readVoucher } from './voucher-read.js';
import { codeParams, disputeBody, paymentBody } from './voucher-schemas.js';
import { disputeOpenedResponse, voucherResponse, voucherWithSessionsResponse } from './voucher-response-schemas.js';

// A cheque as ordered (its co-payment due) and as paid (issued, valid for a year), for the document.
const ORDERED_EXAMPLE = {
  code: 'LBC-7K4M9Q2X8P',
  clientNumber: '48213907',
  entitlementId: '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b',
  sequence: 1,
  hours: { amount: '4.00', unit: 'HOUR' },
  remainingHours: { amount: '4.00', unit: 'HOUR' },
  status: 'awaiting_payment',
  coPayment: { amount: '45.00', currency: 'EUR', status: 'due', dueBy: '2026-03-10', paidAt: null },
  issuedOn: null,
  validUntil: null,
  centreId: null,
  registeredAt: null,
  developmentPlan: null,
  endedAt: null,
  ledger: { accountId: '1207', reserveTransactionId: '4410', releaseTransactionId: null },
  createdAt: '2026-02-24T18:00:00.000Z',
};
const PAID_EXAMPLE = {
  ...ORDERED_EXAMPLE,
  status: 'issued',
  coPayment: { ...ORDERED_EXAMPLE.coPayment, status: 'paid', paidAt: '2026-02-25T09:12:00.000Z' },
  issuedOn: '2026-02-25',
  validUntil: '2026-05-25',
};

const TAG = 'Loopbaancheques (vouchers)';

export const voucherRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/entitlements/:id/vouchers',
    operationId: 'orderVoucher',
    problemCodes: { 404: ['not_found'], 409: ['entitlement_ended', 'no_vouchers_left', 'voucher_open'] },
    response: voucherResponse,
    example: { response: ORDERED_EXAMPLE },
    tag: TAG,
    summary: 'Order the next cheque of an LBC right (4 h, then 3 h); a co-payment is due within 14 days',
    auth: ['citizen'],
    params: idParams,
    idempotent: true,
    status: 201,
    errors: [404, 409],
    handle: ({ app, principal, params, transaction }) => {
      if (!transaction) throw new Error('ordering runs in the idempotency transaction');
      return orderVoucher(app, { principal, entitlementId: params.id, transaction });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/vouchers/:code/payments',
    operationId: 'confirmVoucherPayment',
    problemCodes: { 404: ['not_found'], 409: ['already_paid', 'payment_overdue', 'voucher_not_payable'], 422: ['amount_mismatch'] },
    response: voucherResponse,
    example: { request: { amount: '45.00', reference: 'PSP-2026-000381' }, response: PAID_EXAMPLE },
    tag: TAG,
    summary:
      'Confirm the co-payment (an admin bearer token, or the provider callback signed with X-Signature: sha256=HMAC(secret, "<X-Signature-Timestamp>.POST <path>.<raw body>"))',
    auth: ['admin'],
    customAuth: authenticatePayment,
    params: codeParams,
    body: paymentBody,
    idempotent: true,
    errors: [401, 403, 404, 409, 422],
    handle: ({ app, principal, params, body, transaction, requestId }) => {
      if (!transaction) throw new Error('payments run in the idempotency transaction');
      return confirmPayment(app, { principal, code: params.code, amount: body.amount, reference: body.reference, transaction, requestId });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/vouchers/:code/cancel',
    operationId: 'cancelVoucher',
    problemCodes: { 404: ['not_found'], 409: ['voucher_not_cancellable'] },
    response: voucherResponse,
    tag: TAG,
    summary: 'Cancel an unused cheque of mine (awaiting payment or issued): its hours return to my right',
    auth: ['citizen'],
    params: codeParams,
    errors: [404, 409],
    handle: ({ app, principal, params }) => cancelVoucher(app, { principal, code: params.code }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/vouchers/:code',
    operationId: 'getVoucher',
    response: voucherWithSessionsResponse,
    tag: TAG,
    summary: 'A cheque with every session recorded on it',
    auth: ['citizen', ...STAFF_READERS],
    params: codeParams,
    errors: [404],
    handle: ({ app, principal, params }) => readVoucher(app, principal, params.code),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/vouchers/:code/disputes',
    operationId: 'openDispute',
    problemCodes: { 404: ['not_found'], 409: ['session_reversed', 'dispute_open'] },
    response: disputeOpenedResponse,
    tag: TAG,
    summary: 'Dispute a session recorded on my cheque',
    auth: ['citizen'],
    params: codeParams,
    body: disputeBody,
    status: 201,
    errors: [404, 409],
    handle: ({ app, principal, params, body }) =>
      openDispute(app, { principal, code: params.code, sessionId: body.sessionId, reason: body.reason }),
  }),
];

// The centre's side of a cheque, always under its own centre id and the cheque code the citizen
// gave it: register (with the client number), record sessions, close with a development plan.
import { answerInStatement } from '../http/idempotency.js';
import { defineRoute } from '../http/route.js';
import { sessionReply } from './session-reply.js';
import { recordSession } from './session-service.js';
import { closeVoucher } from './voucher-close.js';
import { registerVoucher } from './voucher-centre.js';
import { centreCodeParams, closeBody, registrationBody, sessionBody } from './voucher-schemas.js';
import { sessionRecordedResponse, voucherResponse } from './voucher-response-schemas.js';

const TAG = 'Loopbaancheques (vouchers)';

/** A registered cheque, as the examples in /openapi.json show it to the centre (no client number). */
const VOUCHER_EXAMPLE = {
  code: 'LBC-7K4M9Q2X8P',
  entitlementId: '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b',
  sequence: 1,
  hours: { amount: '4.00', unit: 'HOUR' },
  remainingHours: { amount: '4.00', unit: 'HOUR' },
  status: 'in_use',
  coPayment: { amount: '40.00', currency: 'EUR', status: 'paid', dueBy: '2026-03-10', paidAt: '2026-02-25T09:12:00.000Z' },
  issuedOn: '2026-02-25',
  validUntil: '2027-02-25',
  centreId: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  registeredAt: '2026-03-01T08:30:00.000Z',
  developmentPlan: null,
  endedAt: null,
  ledger: { accountId: '1207', reserveTransactionId: '4410', releaseTransactionId: null },
  createdAt: '2026-02-24T18:00:00.000Z',
};

export const centreVoucherRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/vouchers/:code/registration',
    operationId: 'registerVoucher',
    response: voucherResponse,
    problemCodes: {
      404: ['not_found'],
      409: ['voucher_not_issued', 'voucher_expired', 'centre_disputed'],
      422: ['centre_not_accredited'],
      429: ['too_many_attempts'],
    },
    example: {
      request: { clientNumber: '12345678' },
      response: VOUCHER_EXAMPLE,
    },
    tag: TAG,
    summary: 'Register an issued cheque at this centre with the client number the citizen gave: it becomes in_use, bound to the centre',
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreCodeParams,
    body: registrationBody,
    errors: [404, 409, 422, 429],
    handle: ({ app, principal, params, body, requestId }) =>
      registerVoucher(app, { principal, centreId: params.centreId, code: params.code, clientNumber: body.clientNumber, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/vouchers/:code/sessions',
    operationId: 'recordSession',
    response: sessionRecordedResponse,
    problemCodes: {
      404: ['not_found'],
      409: ['voucher_not_in_use'],
      422: [
        'non_billable_session',
        'invalid_session_date',
        'session_before_registration',
        'session_outside_accreditation',
        'centre_not_accredited',
        'idempotency_key_reused',
        'insufficient_balance',
      ],
    },
    example: {
      request: { date: '2026-03-02', hours: '1.50', counsellor: 'An Peeters', kind: 'guidance' },
      response: {
        session: {
          id: '6f1c2a9e-3d7b-4c55-9a1e-2b8f0d4c7e11',
          date: '2026-03-02',
          hours: { amount: '1.50', unit: 'HOUR' },
          counsellor: 'An Peeters',
          kind: 'guidance',
          centreId: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          status: 'recorded',
          ledgerTransactionId: '4821',
          reversalTransactionId: null,
          reversedAt: null,
          recordedAt: '2026-03-02T15:04:05.000Z',
        },
        voucher: { code: 'LBC-7K4M9Q2X8P', status: 'in_use', remainingHours: { amount: '2.50', unit: 'HOUR' } },
      },
    },
    tag: TAG,
    summary: 'Record a guidance session (quarter hours; preparation and report writing are not billable)',
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreCodeParams,
    body: sessionBody,
    idempotent: true,
    claimsInStatement: true,
    status: 201,
    errors: [404, 409, 422],
    handle: ({ app, principal, params, body, claim }) => {
      if (!claim) throw new Error('a session claims its idempotency key in its own statement');
      const request = { principal, centreId: params.centreId, code: params.code, session: body };
      return answerInStatement(app.sequelize, claim, () => recordSession(app, request, claim), sessionReply);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/vouchers/:code/close',
    operationId: 'closeVoucher',
    response: voucherResponse,
    problemCodes: { 404: ['not_found'], 409: ['voucher_not_in_use', 'no_sessions'], 422: ['centre_not_accredited'] },
    example: {
      request: {
        developmentPlan: {
          summary: 'Moves from retail to logistics planning.',
          goals: ['Forklift licence by June', 'Apply to three planners'],
        },
      },
      response: {
        ...VOUCHER_EXAMPLE,
        status: 'closed',
        remainingHours: { amount: '0.00', unit: 'HOUR' },
        developmentPlan: {
          summary: 'Moves from retail to logistics planning.',
          goals: ['Forklift licence by June', 'Apply to three planners'],
        },
        endedAt: '2026-03-16T10:00:00.000Z',
        ledger: { ...VOUCHER_EXAMPLE.ledger, releaseTransactionId: '4977' },
      },
    },
    tag: TAG,
    summary: 'Close the cheque with a personal development plan; hours not used return to the right',
    auth: ['centre'],
    centreParam: 'centreId',
    params: centreCodeParams,
    body: closeBody,
    errors: [404, 409, 422],
    handle: ({ app, principal, params, body, requestId }) =>
      closeVoucher(app, { principal, centreId: params.centreId, code: params.code, plan: body.developmentPlan, requestId }),
  }),
];

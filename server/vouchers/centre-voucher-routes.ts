// The centre's side of a cheque, always under its own centre id and the cheque code the citizen
// gave it: register (with the client number), record sessions, close with a development plan.
import { answerInStatement } from '../http/idempotency.js';
import { defineRoute } from '../http/route.js';
import { sessionReply } from './session-reply.js';
import { recordSession } from './session-service.js';
import { closeVoucher } from './voucher-close.js';
import { registerVoucher } from './voucher-centre.js';
import { centreCodeParams, closeBody, registrationBody, sessionBody } from './voucher-schemas.js';

const TAG = 'Loopbaancheques (vouchers)';

export const centreVoucherRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/vouchers/:code/registration',
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

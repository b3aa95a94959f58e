// Settlement runs read back, and paying centres through the bank: a programme's debtor account,
// SEPA credit transfer files (pain.001.001.09) of a run's approved statements, and their download.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { idParams, programmeCodeSchema } from '../http/schemas.js';
import { pageQuery } from '../shared/pagination.js';
import { accountHolderSchema, bicSchema, ibanSchema } from '../validation/bank-account.js';
import { createPaymentFile, paymentFileXml, setDebtorAccount } from './payment-file-service.js';
import { debtorAccountResponse, paymentFileResponse, runResponse, runSummaryPage } from './settlement-response-schemas.js';
import { settlementRunOf, settlementRuns } from './settlement-run-service.js';

const STAFF_READERS = ['admin', 'auditor'] as const;

export const paymentFileRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/settlements',
    operationId: 'listSettlementRuns',
    response: runSummaryPage,
    tag: 'Settlement',
    summary: "Settlement runs, newest first, optionally of one programme: each with its statements' count, total and how many are paid",
    auth: STAFF_READERS,
    query: z.object({ programme: programmeCodeSchema.optional(), ...pageQuery }).strict(),
    errors: [400],
    handle: ({ app, query }) => settlementRuns(app.sequelize, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/settlements/:id',
    operationId: 'getSettlementRun',
    response: runResponse,
    tag: 'Settlement',
    summary: 'One settlement run with its statements and the SEPA credit transfer files made of it',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: ({ app, params }) => settlementRunOf(app.sequelize, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/settlements/:id/payment-files',
    operationId: 'createPaymentFile',
    problemCodes: {
      404: ['not_found'],
      409: ['nothing_to_transfer', 'four_eyes_required'],
      422: ['currency_not_sepa', 'debtor_account_missing', 'bank_account_missing'],
    },
    response: paymentFileResponse,
    tag: 'Settlement',
    summary:
      "Make a SEPA credit transfer file (pain.001.001.09) of the run's statements whose payment was approved and that are in no file yet: one transaction per statement, from the programme's debtor account to each centre's; euro programmes only (422 currency_not_sepa); not by the administrator who last set a payee's account (409 four_eyes_required)",
    auth: ['admin'],
    params: idParams,
    idempotent: true,
    status: 201,
    errors: [404, 409, 422],
    handle: ({ app, params, principal, requestId, transaction }) =>
      createPaymentFile(app, principal, { runId: params.id, requestId }, transaction),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payment-files/:id/pain001',
    operationId: 'downloadPaymentFile',
    fileTypes: ['application/xml'],
    tag: 'Settlement',
    summary:
      'A SEPA credit transfer file as the bank takes it (ISO 20022 pain.001.001.09, EPC SCT implementation guidelines); the same on every download',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params }) => {
      const file = await paymentFileXml(app.sequelize, params.id);
      return {
        body: Buffer.from(file.xml, 'utf8'),
        headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${file.fileName}"` },
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/programmes/:code/debtor-account',
    operationId: 'setProgrammeDebtorAccount',
    problemCodes: { 404: ['not_found'] },
    response: debtorAccountResponse,
    example: {
      request: { name: 'Vlaamse Dienst voor Arbeidsbemiddeling', iban: 'BE68 5390 0754 7034', bic: 'GKCCBEBB' },
      response: {
        programme: 'LBC',
        name: 'Vlaamse Dienst voor Arbeidsbemiddeling',
        iban: 'BE68539007547034',
        bic: 'GKCCBEBB',
        updatedAt: '2026-04-01T06:00:00.000Z',
      },
    },
    tag: 'Settlement',
    summary: 'Set the account a programme pays centres from in its SEPA files (the name the bank shows, IBAN, BIC); audited',
    auth: ['admin'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: z.object({ name: accountHolderSchema, iban: ibanSchema, bic: bicSchema }).strict(),
    errors: [400, 404],
    handle: ({ app, params, body, principal, requestId }) =>
      setDebtorAccount(app, principal, { code: params.code, account: body, requestId }),
  }),
];

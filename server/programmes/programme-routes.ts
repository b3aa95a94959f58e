import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { currencySchema, dateSchema, lineSchema, programmeCodeSchema, storableJson, textSchema } from '../http/schemas.js';
import { PROGRAMME_KINDS } from './programme-model.js';
import { requestOpening } from './programme-opening.js';
import { pageQuery } from '../shared/pagination.js';
import { changeParameters, describeProgramme, describeProgrammes, listParameterVersions } from './programme-service.js';
import { pendingChangeResponse } from '../approvals/approvals.js';
import { parameterVersionPage, parameterVersionResponse, programmePage, programmeResponse } from './programme-response-schemas.js';

const codeParams = z.object({ code: programmeCodeSchema }).strict();

// The reference programme as its reader sees it: the 2024 parameters in force and the budget left.
const PROGRAMME_EXAMPLE = {
  code: 'LBC',
  kind: 'hours_voucher',
  name: 'Career guidance vouchers (Flanders loopbaancheques)',
  names: { en: 'Career guidance vouchers (Flanders loopbaancheques)', nl: 'Loopbaancheques' },
  unit: 'HOUR',
  currency: 'EUR',
  parameters: {
    rightHours: '7.00',
    rightPeriodYears: 6,
    voucherHours: ['4.00', '3.00'],
    coPayment: '45.00',
    coPaymentDueDays: 14,
    voucherValidityMonths: 3,
    expiredHours: 'return',
    hourlyFee: '140.256',
    placesTarget: null,
    closingDate: null,
  },
  parametersEffectiveFrom: '2024-01-01',
  budget: { total: '5000000.00', committed: '1843207.68', remaining: '3156792.32', currency: 'EUR', placesLeft: null },
};

export const programmeRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes',
    operationId: 'requestProgrammeOpening',
    problemCodes: {
      409: ['programme_exists', 'reference_prefix_taken', 'change_pending'],
      422: ['effective_date_in_past', 'invalid_parameters'],
    },
    response: pendingChangeResponse,
    tag: 'Programmes',
    summary:
      'Open a programme (code, kind, names in Dutch and English, currency, first dated parameters of its kind): 202 a pending change, opened once a second administrator approves it',
    auth: ['admin'],
    body: z
      .object({
        code: programmeCodeSchema,
        kind: z.enum(PROGRAMME_KINDS),
        names: z.object({ en: lineSchema(200), nl: lineSchema(200) }).strict(),
        currency: currencySchema,
        effectiveFrom: dateSchema,
        values: storableJson(z.record(z.string(), z.unknown())),
        note: textSchema(500).optional(),
      })
      .strict(),
    status: 202,
    errors: [409, 422],
    handle: async ({ app, body, principal, requestId }) => requestOpening(app, principal, { ...body, note: body.note ?? null, requestId }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes',
    operationId: 'listProgrammes',
    response: programmePage,
    example: { response: { items: [PROGRAMME_EXAMPLE], nextCursor: null } },
    tag: 'Programmes',
    summary: 'Programmes with the parameters in force today and the budget left',
    auth: 'public',
    query: z.object(pageQuery).strict(),
    handle: ({ app, query }) => describeProgrammes(app, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code',
    operationId: 'getProgramme',
    response: programmeResponse,
    example: { response: PROGRAMME_EXAMPLE },
    tag: 'Programmes',
    summary: 'One programme',
    auth: 'public',
    params: codeParams,
    errors: [404],
    handle: async ({ app, params }) => describeProgramme(app, params.code),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/parameters',
    operationId: 'listParameterVersions',
    response: parameterVersionPage,
    tag: 'Programmes',
    summary: 'Every dated parameter version of a programme',
    auth: 'public',
    params: codeParams,
    query: z.object(pageQuery).strict(),
    errors: [404],
    handle: ({ app, params, query }) => listParameterVersions(app, params.code, query),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/programmes/:code/parameters',
    operationId: 'changeParameters',
    problemCodes: {
      404: ['not_found'],
      409: ['parameters_exist', 'reference_prefix_taken', 'change_pending'],
      422: ['effective_date_in_past', 'invalid_parameters'],
    },
    otherSuccesses: { 202: pendingChangeResponse },
    response: parameterVersionResponse,
    tag: 'Programmes',
    summary:
      'Add a dated parameter version (only the changed values are given): 201 the version; 202 a pending change when it sets an amount (fee, co-payment, hours, maximum), applied once a second administrator approves it',
    auth: ['admin'],
    params: codeParams,
    body: z
      .object({
        effectiveFrom: dateSchema,
        values: storableJson(
          z.record(z.string(), z.unknown()).refine((values) => Object.keys(values).length > 0, 'must change at least one value'),
        ),
        note: textSchema(500).optional(),
      })
      .strict(),
    status: 201,
    errors: [404, 409, 422],
    handle: async ({ app, params, body, principal, requestId }) => {
      // The shape of `values` depends on the programme's kind: the service checks it once it has read the programme.
      const changed = await changeParameters(app, principal, {
        code: params.code,
        effectiveFrom: body.effectiveFrom,
        values: body.values,
        note: body.note ?? null,
        requestId,
      });
      return changed.pending ? { status: 202, body: changed.pending } : changed.applied;
    },
  }),
];

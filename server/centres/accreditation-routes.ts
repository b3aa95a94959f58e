// Accreditations: a centre's mandate per programme, and its suspension, reactivation or revocation.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams } from '../http/schemas.js';
import { changeAccreditationBody, grantAccreditationBody } from './centre-schemas.js';
import { changeAccreditationStatus, grantAccreditation, listCentreAccreditations } from './accreditation-service.js';
import { accreditationPage, accreditationResponse } from './centre-response-schemas.js';

export const accreditationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/centres/:id/accreditations',
    operationId: 'grantAccreditation',
    problemCodes: { 404: ['not_found'], 409: ['reapply_too_early', 'accreditation_overlaps'], 422: ['unknown_programme'] },
    response: accreditationResponse,
    tag: 'Centres',
    summary: 'Accredit a centre for a programme for a window of at most 6 years',
    auth: ['admin'],
    centreParam: 'id',
    params: idParams,
    body: grantAccreditationBody,
    status: 201,
    errors: [404, 409, 422],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      grantAccreditation(app, principal, { ...body, centreId: params.id, requestId }, transaction),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/centres/:id/accreditations',
    operationId: 'listAccreditations',
    response: accreditationPage,
    tag: 'Centres',
    summary: 'The accreditations of a centre, newest window first',
    auth: ['admin', 'auditor', 'centre'],
    centreParam: 'id',
    params: idParams,
    query: z.object(pageQuery).strict(),
    errors: [404],
    handle: ({ app, params, query }) => listCentreAccreditations(app, params.id, query),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/accreditations/:id',
    operationId: 'changeAccreditationStatus',
    problemCodes: { 404: ['not_found'], 409: ['accreditation_revoked', 'status_unchanged'] },
    response: accreditationResponse,
    tag: 'Centres',
    summary: 'Suspend, reactivate or revoke an accreditation, with the reason (revocation is final)',
    auth: ['admin'],
    params: idParams,
    body: changeAccreditationBody,
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      changeAccreditationStatus(app, principal, { ...body, id: params.id, requestId }, transaction),
  }),
];

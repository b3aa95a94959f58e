// Centres and their staff.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams, programmeCodeSchema } from '../http/schemas.js';
import { registerCentreWithAccount, setCentreBankAccount } from './bank-account-service.js';
import { addStaffBody, bankAccountBody, registerCentreBody } from './centre-schemas.js';
import { changeContactBody } from './centre-contact.js';
import { changeCentreContact, describeCentre, listCentres } from './centre-service.js';
import { addCentreStaff, setStaffDisabled } from './staff-service.js';
import {
  centreBankAccountResponse,
  centreContactResponse,
  centreCreatedResponse,
  centrePage,
  centreResponse,
  staffResponse,
} from './centre-response-schemas.js';

const staffParams = z.object({ id: z.uuid('must be a UUID'), userId: z.uuid('must be a UUID') }).strict();

export const centreRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/centres',
    operationId: 'registerCentre',
    problemCodes: { 409: ['centre_exists'] },
    response: centreCreatedResponse,
    tag: 'Centres',
    summary:
      'Register a centre or provider by its enterprise number (KBO/BCE, or UK Companies House), optionally with the bank account (IBAN, BIC) its statements are paid into',
    auth: ['admin'],
    body: registerCentreBody,
    status: 201,
    errors: [409],
    handle: ({ app, body, principal, requestId, transaction }) =>
      registerCentreWithAccount(app, principal, { ...body, requestId }, transaction),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/centres/:id/bank-account',
    operationId: 'setCentreBankAccount',
    problemCodes: { 404: ['not_found'] },
    response: centreBankAccountResponse,
    example: {
      request: { iban: 'BE68 5390 0754 7034', bic: 'GKCCBEBB' },
      response: {
        centreId: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        iban: 'BE68539007547034',
        bic: 'GKCCBEBB',
        updatedAt: '2026-04-01T06:00:00.000Z',
      },
    },
    tag: 'Centres',
    summary:
      "Set the bank account a centre's statements are paid into by SEPA credit transfer (IBAN with its mod-97 check digits, BIC of 8 or 11 characters); replaces the previous one, audited",
    auth: ['admin'],
    params: idParams,
    body: bankAccountBody,
    errors: [400, 404],
    handle: ({ app, params, body, principal, requestId }) =>
      setCentreBankAccount(app, principal, { centreId: params.id, account: body, requestId }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/centres',
    operationId: 'listCentres',
    response: centrePage,
    tag: 'Centres',
    summary: 'Centres with an active accreditation today, optionally for one programme',
    auth: 'public',
    query: z.object({ ...pageQuery, programme: programmeCodeSchema.optional() }).strict(),
    errors: [404],
    handle: ({ app, query }) => listCentres(app, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/centres/:id',
    operationId: 'getCentre',
    response: centreResponse,
    tag: 'Centres',
    summary: "One centre with its accreditations (administrators, auditors, the centre's own staff)",
    auth: ['admin', 'auditor', 'centre'],
    centreParam: 'id',
    params: idParams,
    errors: [404],
    handle: ({ app, params }) => describeCentre(app, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/centres/:id',
    operationId: 'changeCentreContact',
    problemCodes: { 403: ['forbidden'], 404: ['not_found'] },
    response: centreContactResponse,
    example: {
      request: { address: 'Kortrijksesteenweg 12', postcode: '9000', municipality: 'Gent', phone: '+32 9 234 56 78', website: null },
      response: {
        id: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        name: 'Loopbaancentrum Gent',
        enterpriseNumber: '0123456749',
        registry: 'BE_KBO',
        email: 'info@loopbaan-gent.example',
        address: 'Kortrijksesteenweg 12',
        postcode: '9000',
        municipality: 'Gent',
        phone: '+32 9 234 56 78',
        website: null,
        createdAt: '2026-04-01T06:00:00.000Z',
      },
    },
    tag: 'Centres',
    summary:
      "Change a centre's contact details (address, postcode, municipality, phone, website; null takes one away), audited before and after: administrators, or the centre's own administrator",
    auth: ['admin', 'centre'],
    centreParam: 'id',
    params: idParams,
    body: changeContactBody,
    errors: [400, 403, 404],
    handle: ({ app, params, body, principal, requestId }) =>
      changeCentreContact(app, principal, { centreId: params.id, contact: body, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:id/staff',
    operationId: 'addCentreStaff',
    problemCodes: { 404: ['not_found'], 409: ['email_taken'] },
    response: staffResponse,
    tag: 'Centres',
    summary: 'Create a staff login bound to the centre',
    auth: ['admin'],
    centreParam: 'id',
    params: idParams,
    body: addStaffBody,
    status: 201,
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      addCentreStaff(app, principal, { ...body, centreId: params.id, requestId }, transaction),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:id/staff/:userId/disable',
    operationId: 'disableCentreStaff',
    response: staffResponse,
    tag: 'Centres',
    summary: 'Disable a staff login: it cannot sign in, and every token it holds is refused at once',
    auth: ['admin'],
    params: staffParams,
    errors: [404],
    handle: ({ app, params, principal, requestId }) =>
      setStaffDisabled(app, principal, { centreId: params.id, userId: params.userId, disabled: true, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/centres/:id/staff/:userId/enable',
    operationId: 'enableCentreStaff',
    response: staffResponse,
    tag: 'Centres',
    summary: 'Enable a disabled staff login again (the tokens it held stay ended)',
    auth: ['admin'],
    params: staffParams,
    errors: [404],
    handle: ({ app, params, principal, requestId }) =>
      setStaffDisabled(app, principal, { centreId: params.id, userId: params.userId, disabled: false, requestId }),
  }),
];

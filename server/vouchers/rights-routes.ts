// Reading rights: a citizen's own, with balances and their cheques or applications, and the
// ledger entries behind one right (its holder, administrators and auditors).
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams } from '../http/schemas.js';
import { entitlementLedger, myEntitlements } from './rights-read.js';
import { entitlementLedgerPage, entitlementPage } from './voucher-response-schemas.js';

export const entitlementRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/entitlements',
    operationId: 'listMyEntitlements',
    response: entitlementPage,
    tag: 'Eligibility and claims',
    summary: 'My rights with their balance (granted, reserved, used, available) and their cheques or applications',
    auth: ['citizen'],
    query: z.object(pageQuery).strict(),
    handle: ({ app, principal, query }) => myEntitlements(app, principal, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/entitlements/:id/ledger',
    operationId: 'getEntitlementLedger',
    response: entitlementLedgerPage,
    tag: 'Eligibility and claims',
    summary: 'The ledger entries of a right and its cheques, newest first, with kind, amount, balance after and centre',
    auth: ['citizen', 'admin', 'auditor'],
    params: idParams,
    query: z.object(pageQuery).strict(),
    errors: [404],
    handle: ({ app, principal, params, query }) => entitlementLedger(app, principal, params.id, query),
  }),
];

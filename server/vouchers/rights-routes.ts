// Reading rights: a citizen's own, with balances and their cheques or applications, and the
// ledger entries behind one right (its holder, administrators and auditors).
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams } from '../http/schemas.js';
import { entitlementLedger, myEntitlements } from './rights-read.js';
import { entitlementLedgerPage, entitlementPage } from './voucher-response-schemas.js';

// A citizen's LBC right after ordering one 4-hour cheque (reserved until it is used or given back).
const MY_ENTITLEMENTS_EXAMPLE = {
  items: [
    {
      id: '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b',
      programme: 'LBC',
      periodStart: '2026-02-24',
      periodEnd: '2032-02-23',
      status: 'active',
      decisionId: '7e1a3c5b-9d2f-4a68-b0c4-3f5e7a9c1b82',
      grantTransactionId: '4402',
      balance: { granted: '7.00', reserved: '4.00', used: '0.00', available: '3.00', unit: 'HOUR' },
    },
  ],
  nextCursor: null,
};

export const entitlementRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/entitlements',
    operationId: 'listMyEntitlements',
    response: entitlementPage,
    example: { response: MY_ENTITLEMENTS_EXAMPLE },
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

// Administrators' and auditors' read of any ledger account: its balances and its entries,
// newest first, each with the running balance after it.
import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { pageQuery } from '../shared/pagination.js';
import { defineRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { getAccount } from './ledger-accounts.js';
import { accountEntries, type EntryView } from './ledger-read.js';
import { ledgerAccountResponse, ledgerEntryPage } from './ledger-response-schemas.js';

export const entryJson = (entry: EntryView) => ({
  id: entry.entryId,
  accountId: entry.accountId,
  transactionId: entry.transactionId,
  kind: entry.kind,
  reverses: entry.reverses,
  businessDate: entry.businessDate,
  createdAt: entry.createdAt.toISOString(),
  amount: entry.amount.toFixed(2),
  balanceAfter: entry.balanceAfter.toFixed(2),
  metadata: entry.metadata,
});

export const ledgerRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/accounts/:id',
    operationId: 'getLedgerAccount',
    response: ledgerAccountResponse,
    tag: 'Ledger',
    summary: 'A ledger account: owner, unit, balance, held and available',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params }) => {
      const account = await getAccount(app.sequelize, params.id);
      if (!account) throw notFound('Ledger account');
      return {
        id: account.id,
        owner: { type: account.ownerType, id: account.ownerId },
        programme: account.programmeCode,
        unit: account.unit,
        mayGoNegative: account.mayGoNegative,
        balance: account.balance.toFixed(2),
        held: account.held.toFixed(2),
        available: account.available.toFixed(2),
        createdAt: account.createdAt.toISOString(),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/accounts/:id/entries',
    operationId: 'listLedgerEntries',
    response: ledgerEntryPage,
    tag: 'Ledger',
    summary: "A ledger account's entries, newest first, with the balance after each",
    auth: STAFF_READERS,
    params: idParams,
    query: z.object({ ...pageQuery }).strict(),
    errors: [404],
    handle: async ({ app, params, query }) => {
      if (!(await getAccount(app.sequelize, params.id))) throw notFound('Ledger account');
      const page = await accountEntries(app.sequelize, params.id, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map(entryJson), nextCursor: page.nextCursor };
    },
  }),
];

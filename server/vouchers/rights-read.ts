// A citizen's rights in pages, with their balances (LBC rights with their cheques, ITA rights with
// their applications), and the ledger entries behind one right: its own account and its cheques'
// accounts, newest first, each naming the centre where there is one (sessions). Here, with the
// cheques, because a right is read with what spends it, and rights do not depend on their spenders.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { listApplicationsForEntitlements } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { entitlementAccountId, entitlementsOfCitizen, entitlementView, findEntitlement } from '../entitlements/entitlements.js';
import { notFound } from '../errors.js';
import { accountEntries } from '../ledger/ledger.js';
import { decodeCursorAs, toPage } from '../shared/pagination.js';
import { vouchersByEntitlement } from './voucher-read.js';
import { vouchersOfEntitlements } from './voucher-store.js';

type PageQuery = { limit: number; cursor?: string | undefined };

const entitlementKey = z.tuple([z.guid()]);

export async function myEntitlements(app: AppContext, principal: Principal, page: PageQuery) {
  const afterId = decodeCursorAs(page.cursor, entitlementKey)?.[0];
  if (!principal.citizenId) return { items: [], nextCursor: null };
  const fetched = await entitlementsOfCitizen(app.sequelize, principal.citizenId, { afterId, limit: page.limit + 1 });
  const { items: rows, nextCursor } = toPage(
    fetched,
    page.limit,
    (row) => [row.id],
    (row) => row,
  );
  const lbcIds = rows.filter((row) => row.programme_code === 'LBC').map((row) => row.id);
  const otherIds = rows.filter((row) => row.programme_code !== 'LBC').map((row) => row.id);
  const vouchers = await vouchersByEntitlement(app.sequelize, lbcIds);
  const applications = otherIds.length > 0 ? await listApplicationsForEntitlements(app.sequelize, otherIds) : [];
  const items = [];
  for (const row of rows) {
    const view = await entitlementView(app.sequelize, row);
    if (row.programme_code === 'LBC') items.push({ ...view, vouchers: vouchers.get(row.id) ?? [] });
    else items.push({ ...view, applications: applications.filter((application) => application.entitlementId === row.id) });
  }
  return { items, nextCursor };
}

export async function entitlementLedger(app: AppContext, principal: Principal, id: string, page: PageQuery) {
  const row = await findEntitlement(app.sequelize, id);
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Entitlement');
  const accountId = await entitlementAccountId(app.sequelize, row);
  const vouchers = await vouchersOfEntitlements(app.sequelize, [row.id]);
  const voucherOf = new Map(vouchers.map((voucher) => [voucher.account_id, voucher.code]));
  const accounts = [...(accountId ? [accountId] : []), ...vouchers.map((voucher) => voucher.account_id)];
  if (accounts.length === 0) return { items: [], nextCursor: null };
  const entries = await accountEntries(app.sequelize, accounts, { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return {
    items: entries.items.map((entry) => {
      const voucherCode = voucherOf.get(entry.accountId);
      const centreId = typeof entry.metadata.centreId === 'string' ? entry.metadata.centreId : null;
      return {
        id: entry.entryId,
        transactionId: entry.transactionId,
        kind: entry.kind,
        reverses: entry.reverses,
        account: voucherCode ? { type: 'voucher', voucherCode } : { type: 'entitlement' },
        amount: entry.amount.toFixed(2),
        balanceAfter: entry.balanceAfter.toFixed(2),
        centre: centreId ? { id: centreId } : null,
        businessDate: entry.businessDate,
        time: entry.createdAt.toISOString(),
      };
    }),
    nextCursor: entries.nextCursor,
  };
}

// A citizen's rights in pages, with their balances (the rights of an hours voucher programme with
// their cheques, the others with their applications), and the ledger entries behind one right: its own account and its cheques'
// accounts, newest first, each naming the centre where there is one (sessions). Here, with the
// cheques, because a right is read with what spends it, and rights do not depend on their spenders.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { listApplicationsForEntitlements } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { creditRightView } from '../credit-lots/credit-lots.js';
import { entitlementAccountId, entitlementsOfCitizen, entitlementView, findEntitlement } from '../entitlements/entitlements.js';
import { notFound } from '../errors.js';
import { findProgramme } from '../programmes/programmes.js';
import { accountEntries } from '../ledger/ledger.js';
import { decodeCursorAs, toPage } from '../shared/pagination.js';
import { disputesOfVouchers } from './dispute-store.js';
import { sessionsOfVoucher } from './session-store.js';
import { sessionView } from './session-view.js';
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
  const spentWithCheques = await hoursVoucherProgrammes(app, rows);
  const chequeIds = rows.filter((row) => spentWithCheques.has(row.programme_code)).map((row) => row.id);
  const otherIds = rows.filter((row) => !spentWithCheques.has(row.programme_code)).map((row) => row.id);
  const vouchers = await vouchersByEntitlement(app.sequelize, chequeIds);
  const applications = otherIds.length > 0 ? await listApplicationsForEntitlements(app.sequelize, otherIds) : [];
  const items = [];
  for (const row of rows) {
    const view = await entitlementView(app.sequelize, row);
    if (spentWithCheques.has(row.programme_code)) items.push({ ...view, vouchers: vouchers.get(row.id) ?? [] });
    else items.push({ ...view, ...(await creditLots(app, row)), applications: applications.filter((a) => a.entitlementId === row.id) });
  }
  return { items, nextCursor };
}

/** A credit-lots right reads as its lots, and its balance is theirs; other rights add nothing here. */
async function creditLots(app: AppContext, row: { programme_code: string; citizen_id: string }) {
  const programme = await findProgramme(app.sequelize, row.programme_code);
  if (programme?.kind !== 'credit_lots') return {};
  const right = { programmeCode: programme.code, citizenId: row.citizen_id, currency: programme.currency };
  return creditRightView(app.sequelize, right, app.clock.today());
}

/** The codes, among these rights' programmes, of those of kind hours_voucher: their rights are spent with cheques. */
async function hoursVoucherProgrammes(app: AppContext, rows: readonly { programme_code: string }[]): Promise<Set<string>> {
  const codes = [...new Set(rows.map((row) => row.programme_code))];
  const programmes = await Promise.all(codes.map((code) => findProgramme(app.sequelize, code)));
  return new Set(programmes.flatMap((programme) => (programme?.kind === 'hours_voucher' ? [programme.code] : [])));
}

/** The right of its holder (404 for anyone else's, as if it did not exist). */
async function ownRight(app: AppContext, principal: Principal, id: string) {
  const row = await findEntitlement(app.sequelize, id);
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Entitlement');
  return row;
}

/**
 * Every session recorded on the cheques of a right, oldest first, each with its cheque and the
 * last dispute of it (open, upheld or rejected; null when never disputed): what a citizen may
 * say "I was not there" to.
 */
export async function sessionsOfRight(app: AppContext, principal: Principal, id: string) {
  const row = await ownRight(app, principal, id);
  const vouchers = await vouchersOfEntitlements(app.sequelize, [row.id]);
  const disputes = new Map(
    (
      await disputesOfVouchers(
        app.sequelize,
        vouchers.map((voucher) => voucher.id),
      )
    ).map((d) => [d.session_id, d]),
  );
  const sessions = [];
  for (const voucher of vouchers) {
    for (const session of await sessionsOfVoucher(app.sequelize, voucher.id)) {
      const dispute = disputes.get(session.id);
      sessions.push({
        ...sessionView(session),
        voucherCode: voucher.code,
        dispute: dispute ? { status: dispute.status, createdAt: dispute.created_at.toISOString() } : null,
      });
    }
  }
  return sessions;
}

export async function entitlementLedger(app: AppContext, principal: Principal, id: string, page: PageQuery) {
  const row = await ownRight(app, principal, id);
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

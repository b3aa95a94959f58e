// Reading cheques: one cheque with every session on it (its owner, administrators, auditors),
// the cheques of a citizen's rights, and the disputes list for administrators.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { invalidField, notFound } from '../errors.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import { getAccount } from '../ledger/ledger-accounts.js';
import { disputeView, listDisputeRows } from './dispute-store.js';
import { sessionsOfVoucher, sessionView } from './session-store.js';
import { normaliseCode } from './voucher-codes.js';
import { findVoucherByCode, vouchersOfEntitlements, type VoucherRow } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function remainingOf(sequelize: Sequelize, row: VoucherRow): Promise<Decimal> {
  return (await getAccount(sequelize, row.account_id))?.balance ?? new Decimal(0);
}

export async function readVoucher(app: AppContext, principal: Principal, code: string) {
  const row = await findVoucherByCode(app.sequelize, normaliseCode(code));
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Voucher');
  const sessions = await sessionsOfVoucher(app.sequelize, row.id);
  return { ...voucherView(row, { remaining: await remainingOf(app.sequelize, row) }), sessions: sessions.map(sessionView) };
}

/** The cheques of these rights, grouped by entitlement id, each with its remaining hours. */
export async function vouchersByEntitlement(sequelize: Sequelize, entitlementIds: string[]) {
  const rows = await vouchersOfEntitlements(sequelize, entitlementIds);
  const grouped = new Map<string, ReturnType<typeof voucherView>[]>();
  for (const row of rows) {
    const list = grouped.get(row.entitlement_id) ?? [];
    list.push(voucherView(row, { remaining: await remainingOf(sequelize, row) }));
    grouped.set(row.entitlement_id, list);
  }
  return grouped;
}

export async function listDisputes(app: AppContext, query: { status?: 'open' | 'upheld' | 'rejected' | undefined; limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, 2);
  const valid = after === undefined || (typeof after[0] === 'string' && CURSOR_TIME.test(after[0]) && typeof after[1] === 'string' && UUID.test(after[1]));
  if (!valid) throw invalidField('/query/cursor', 'is not a cursor this service issued');
  const rows = await listDisputeRows(app.sequelize, { status: query.status, after: after as [string, string] | undefined, limit: query.limit });
  return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], disputeView);
}

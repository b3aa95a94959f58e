// Reading cheques: one cheque with every session on it (its owner, and administrators and
// auditors, who see its client number masked), the cheques of a citizen's rights, and the
// disputes list for administrators.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { decodeTimeIdCursor, toPage } from '../shared/pagination.js';
import { getAccount } from '../ledger/ledger.js';
import { disputeView, listDisputeRows } from './dispute-store.js';
import { sessionsOfVoucher } from './session-store.js';
import { sessionView } from './session-view.js';
import { normaliseCode } from './voucher-codes.js';
import { findVoucherByCode, vouchersOfEntitlements, type VoucherRow } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

async function remainingOf(sequelize: Sequelize, row: VoucherRow): Promise<Decimal> {
  return (await getAccount(sequelize, row.account_id))?.balance ?? new Decimal(0);
}

export async function readVoucher(app: AppContext, principal: Principal, code: string) {
  const row = await findVoucherByCode(app.sequelize, normaliseCode(code));
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Voucher');
  const sessions = await sessionsOfVoucher(app.sequelize, row.id);
  const showClientNumber = principal.role === 'citizen' ? true : 'masked';
  return {
    ...voucherView(row, { remaining: await remainingOf(app.sequelize, row), showClientNumber }),
    sessions: sessions.map(sessionView),
  };
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

export async function listDisputes(
  app: AppContext,
  query: { status?: 'open' | 'upheld' | 'rejected' | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeTimeIdCursor(query.cursor);
  const rows = await listDisputeRows(app.sequelize, { status: query.status, after, limit: query.limit });
  return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], disputeView);
}

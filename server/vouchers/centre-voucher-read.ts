// What a centre reads of the cheques registered to it: one cheque (by the code the citizen gave,
// never by a search over citizens) with its sessions and their disputes, the cheques it still has
// hours on, and the disputes raised against its sessions. The client number is never shown: it
// was the citizen's to give once. An unknown code and another centre's cheque are the same 404.
import { Decimal } from 'decimal.js';
import type { AppContext } from '../app-context.js';
import { queryRows } from '../db/database.js';
import { notFound } from '../errors.js';
import { getAccount } from '../ledger/ledger.js';
import { disputesOfVouchers, disputeView } from './dispute-store.js';
import { sessionsOfVoucher } from './session-store.js';
import { sessionView } from './session-view.js';
import { normaliseCode } from './voucher-codes.js';
import { findVoucherByCode, type VoucherRow } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

const remainingOf = async (app: AppContext, row: VoucherRow) =>
  (await getAccount(app.sequelize, row.account_id))?.balance ?? new Decimal(0);

/** The cheque registered to this centre, with its sessions (each with its latest dispute) and remaining hours. */
export async function readCentreVoucher(app: AppContext, centreId: string, code: string) {
  const row = await findVoucherByCode(app.sequelize, normaliseCode(code));
  if (!row || row.centre_id !== centreId) throw notFound('Voucher');
  const disputes = new Map(
    (await disputesOfVouchers(app.sequelize, [row.id])).map((dispute) => [dispute.session_id, disputeView(dispute)]),
  );
  const sessions = await sessionsOfVoucher(app.sequelize, row.id);
  return {
    ...voucherView(row, { remaining: await remainingOf(app, row), showClientNumber: false }),
    sessions: sessions.map((session) => ({ ...sessionView(session), dispute: disputes.get(session.id) ?? null })),
  };
}

/** The centre's cheques in use with hours left, the soonest to expire first. */
export async function centreVouchersInUse(app: AppContext, centreId: string) {
  const rows = await queryRows<VoucherRow>(
    app.sequelize,
    `SELECT v.* FROM vouchers v JOIN ledger_accounts a ON a.id = v.account_id
     WHERE v.centre_id = $1 AND v.status = 'in_use' AND a.balance > 0 ORDER BY v.valid_until, v.code`,
    [centreId],
  );
  const cheques = [];
  for (const row of rows) cheques.push(voucherView(row, { remaining: await remainingOf(app, row), showClientNumber: false }));
  return cheques;
}

/** Open disputes of sessions this centre recorded, the oldest first. */
export async function openDisputesAtCentre(app: AppContext, centreId: string) {
  const rows = await queryRows<Parameters<typeof disputeView>[0] & { session_date: string }>(
    app.sequelize,
    `SELECT d.*, v.code AS voucher_code, s.session_date FROM voucher_disputes d
     JOIN voucher_sessions s ON s.id = d.session_id JOIN vouchers v ON v.id = d.voucher_id
     WHERE s.centre_id = $1 AND d.status = 'open' ORDER BY d.created_at, d.id`,
    [centreId],
  );
  return rows.map((row) => ({ ...disputeView(row), sessionDate: row.session_date }));
}

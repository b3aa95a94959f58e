// Entitlements as the other components see them: a citizen's right to a programme for a period,
// its ledger account, and the programme accounts every grant and settlement moves value between
// (named exactly as docs fix them, so the flows and settlement find the same accounts). Cheques
// (vouchers) and applications spend rights; a right never depends on them.
import type { Sequelize, Transaction } from 'sequelize';
import { findAccountId, openAccount, type LedgerUnit } from '../ledger/ledger.js';
import { entitlementsOfCitizen as rightsOfCitizen, findEntitlementRow, programmeUnitOf, type EntitlementRow } from './entitlement-store.js';
import { entitlementView as viewOf } from './entitlement-view.js';

export type { EntitlementRow };
/** The claim of an hours_voucher programme's right, and its answer (the claims component routes to it). */
export { claimHoursVoucher, type HoursVoucherClaim } from './hours-voucher-grant.js';
export { hoursVoucherClaimReply } from './hours-voucher-claim-reply.js';

/** How a right reads to its holder: period, status and balance (from the ledger). */
export const entitlementView = (sequelize: Sequelize, row: EntitlementRow, transaction?: Transaction) =>
  viewOf(sequelize, row, transaction);

/** A citizen's rights, newest period first, after the right `afterId` (a page's cursor) when given. */
export const entitlementsOfCitizen = (sequelize: Sequelize, citizenId: string, page: { afterId: string | undefined; limit: number }) =>
  rightsOfCitizen(sequelize, citizenId, page);

/** The right, optionally locked FOR UPDATE; undefined for an unknown or malformed id. */
export const findEntitlement = (sequelize: Sequelize, id: string, options: { transaction?: Transaction; lock?: boolean } = {}) =>
  findEntitlementRow(sequelize, id, options);

/** The right's own ledger account: named on the row, or (rights granted in SQL) found by its owner. */
export async function entitlementAccountId(
  sequelize: Sequelize,
  row: EntitlementRow,
  transaction?: Transaction,
): Promise<string | undefined> {
  if (row.account_id) return row.account_id;
  const unit = (await programmeUnitOf(sequelize, row.programme_code, transaction)) ?? 'HOUR';
  return findAccountId(sequelize, { ownerType: 'entitlement', ownerId: row.id, unit: unit }, transaction);
}

/** Hours issued come from here: it goes negative by design (it is the counterpart of every grant). */
export const openHourPool = (sequelize: Sequelize, code: string, t: Transaction) =>
  openAccount(sequelize, { ownerType: 'programme_hour_pool', ownerId: code, programmeCode: code, unit: 'HOUR', mayGoNegative: true }, t);

/** Money committed at grant, paid to centres at settlement. */
export const openCommitments = (sequelize: Sequelize, code: string, currency: LedgerUnit, t: Transaction) =>
  openAccount(
    sequelize,
    { ownerType: 'programme_commitments', ownerId: code, programmeCode: code, unit: currency, mayGoNegative: false },
    t,
  );

export const openEntitlementAccount = (sequelize: Sequelize, code: string, entitlementId: string, unit: LedgerUnit, t: Transaction) =>
  openAccount(sequelize, { ownerType: 'entitlement', ownerId: entitlementId, programmeCode: code, unit, mayGoNegative: false }, t);

export const openVoucherAccount = (sequelize: Sequelize, code: string, voucherId: string, t: Transaction) =>
  openAccount(sequelize, { ownerType: 'voucher', ownerId: voucherId, programmeCode: code, unit: 'HOUR', mayGoNegative: false }, t);
export { entitlementResponse } from './entitlement-response-schemas.js';

// The ledger accounts of the programme flows, named exactly as the issue-5 contract fixes them
// so settlement and the other flows find the same accounts.
import type { Sequelize, Transaction } from 'sequelize';
import { openAccount, type LedgerUnit } from '../ledger/ledger.js';

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

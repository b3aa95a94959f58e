// What a centre is owed and was paid, per programme (the owners of docs/ledger-accounts.md). Neither may go
// negative: a centre is never paid ahead of what it delivered.
import type { Sequelize, Transaction } from 'sequelize';
import { openAccount, type LedgerUnit } from '../ledger/ledger.js';

const centreAccount =
  (ownerType: 'centre_payable' | 'centre_paid') =>
  (sequelize: Sequelize, code: string, centreId: string, currency: LedgerUnit, transaction: Transaction) =>
    openAccount(
      sequelize,
      { ownerType, ownerId: `${centreId}:${code}`, programmeCode: code, unit: currency, mayGoNegative: false },
      transaction,
    );

export const openCentrePayable = centreAccount('centre_payable');
export const openCentrePaid = centreAccount('centre_paid');

/**
 * What a centre owes the programme back (settlement-corrections.ts): it goes negative by design,
 * by what is owed, when an upheld dispute claws back a session it was paid for, and back towards
 * zero as its next statements net it.
 */
export const openCentreReceivable = (
  sequelize: Sequelize,
  code: string,
  centreId: string,
  currency: LedgerUnit,
  transaction: Transaction,
) =>
  openAccount(
    sequelize,
    { ownerType: 'centre_receivable', ownerId: `${centreId}:${code}`, programmeCode: code, unit: currency, mayGoNegative: true },
    transaction,
  );

// A dispute's ledger effect as the administrators' pages show it: each transaction the decision
// made with its entries, every amount in its unit (money with its currency, hours as hours), and
// each account named by what owns it.
import type { Decimal } from 'decimal.js';
import type { TransactionView } from '../../../ledger/ledger.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

/** Owners a dispute's decision moves (docs/ledger-accounts.md); another is shown by its type. */
const OWNERS = ['voucher', 'entitlement', 'centre_delivered', 'centre_receivable', 'programme_commitments', 'programme_budget'];

export const inUnit = (amount: Decimal.Value, unit: string, t: Translate, format: Formats) =>
  unit === 'HOUR' ? t('adminDisputes.ledger.hours', { hours: format.hours(amount) }) : format.money(amount, unit);

export const ledgerEffect = (transactions: readonly TransactionView[], t: Translate, format: Formats) =>
  transactions.map((transaction) => ({
    id: transaction.id,
    kind: t(`adminDisputes.ledger.kinds.${['reversal', 'clawback', 'release'].includes(transaction.kind) ? transaction.kind : 'other'}`, {
      kind: transaction.kind,
    }),
    on: format.date(transaction.businessDate),
    entries: transaction.entries.map((entry) => ({
      account: OWNERS.includes(entry.owner.type) ? t(`adminDisputes.ledger.owners.${entry.owner.type}`) : entry.owner.type,
      accountId: entry.accountId,
      ownerId: entry.owner.id,
      amount: inUnit(entry.amount, entry.unit, t, format),
      balanceAfter: inUnit(entry.balanceAfter, entry.unit, t, format),
    })),
  }));

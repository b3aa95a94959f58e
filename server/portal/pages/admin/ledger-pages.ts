// The ledger as administrators and auditors read it (issue 18, Auditor): one transaction with each
// of its entries (the account, its owner, debit or credit, the balance after), the debits and the
// credits of each unit summed side by side, so that they balance is seen, not assumed; and one
// account with its entries, newest first, each leading to its transaction. Reached from an audit
// entry that names a transaction, and from transaction to account and back. Read only.
import { Decimal } from 'decimal.js';
import { STAFF_READERS } from '../../../auth/principal.js';
import { notFound } from '../../../errors.js';
import { accountEntries, getAccount, transactionsWithEntries } from '../../../ledger/ledger.js';
import { encodeCursor } from '../../../shared/pagination.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { idOf } from './admin-forms.js';
import { changesOf } from './audit-view.js';

/** Entries per page of an account. */
const ENTRIES_PER_PAGE = 25;

/** An amount in its unit: money with its currency, hours as hours. */
export const inUnit = (amount: Decimal.Value, unit: string, t: Translate, format: Formats) =>
  unit === 'HOUR' ? t('adminAudit.ledger.hours', { hours: format.hours(amount) }) : format.money(amount, unit);

export const ledgerPages = [
  definePage({
    method: 'get',
    path: '/admin/ledger/transactions/:id',
    access: STAFF_READERS,
    handle: async ({ app, params, t, format, render }) => {
      const [transaction] = await transactionsWithEntries(app.sequelize, { ids: [idOf(params.id)] });
      if (!transaction) throw notFound('Ledger transaction');
      const totals = new Map<string, { debit: Decimal; credit: Decimal }>();
      for (const entry of transaction.entries) {
        const total = totals.get(entry.unit) ?? { debit: new Decimal(0), credit: new Decimal(0) };
        if (entry.amount.isNegative()) total.debit = total.debit.plus(entry.amount.negated());
        else total.credit = total.credit.plus(entry.amount);
        totals.set(entry.unit, total);
      }
      render('pages/admin/ledger/transaction.njk', {
        transaction: {
          id: transaction.id,
          kind: transaction.kind,
          businessDate: format.date(transaction.businessDate),
          createdAt: `${format.date(transaction.createdAt)} ${transaction.createdAt.toISOString().slice(11, 16)} UTC`,
          reversesId: transaction.reversesId,
          details: changesOf(t, null, transaction.metadata).map((change) => ({ field: change.field, value: change.after.text })),
        },
        // Debits first, then credits, as a journal writes them.
        entries: [...transaction.entries]
          .sort((a, b) => Number(b.amount.isNegative()) - Number(a.amount.isNegative()))
          .map((entry) => ({
            accountId: entry.accountId,
            owner: `${entry.owner.type} ${entry.owner.id}`,
            debit: entry.amount.isNegative() ? inUnit(entry.amount.negated(), entry.unit, t, format) : '',
            credit: entry.amount.isNegative() ? '' : inUnit(entry.amount, entry.unit, t, format),
            balanceAfter: inUnit(entry.balanceAfter, entry.unit, t, format),
          })),
        totals: [...totals].map(([unit, total]) => ({
          unit,
          debit: inUnit(total.debit, unit, t, format),
          credit: inUnit(total.credit, unit, t, format),
          balanced: total.debit.equals(total.credit),
        })),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/ledger/accounts/:id',
    access: STAFF_READERS,
    handle: async ({ app, params, query, t, format, render }) => {
      const account = await getAccount(app.sequelize, idOf(params.id));
      if (!account) throw notFound('Ledger account');
      // Entry ids are bigints: `before` pages on from the last entry shown.
      const before = typeof query.before === 'string' && /^\d{1,18}$/.test(query.before) ? query.before : undefined;
      const page = await accountEntries(app.sequelize, account.id, {
        limit: ENTRIES_PER_PAGE,
        ...(before ? { cursor: encodeCursor([before]) } : {}),
      });
      const last = page.items.at(-1);
      render('pages/admin/ledger/account.njk', {
        account: {
          id: account.id,
          owner: `${account.ownerType} ${account.ownerId}`,
          programme: account.programmeCode,
          balance: inUnit(account.balance, account.unit, t, format),
          held: inUnit(account.held, account.unit, t, format),
          available: inUnit(account.available, account.unit, t, format),
        },
        entries: page.items.map((entry) => ({
          transactionId: entry.transactionId,
          kind: entry.kind,
          businessDate: format.date(entry.businessDate),
          amount: inUnit(entry.amount, account.unit, t, format),
          balanceAfter: inUnit(entry.balanceAfter, account.unit, t, format),
        })),
        pagination: {
          previous: before ? { href: `/admin/ledger/accounts/${account.id}` } : undefined,
          next: page.nextCursor && last ? { href: `/admin/ledger/accounts/${account.id}?before=${last.entryId}` } : undefined,
        },
      });
    },
  }),
];

// How a right reads to its holder: period, status and a balance derived from the ledger, read
// the way the programme's kind spends it.
// hours_voucher (e.g. LBC): the right's hours live on the entitlement account and, once ordered, on its
// vouchers' accounts, so the balance reads both:
//   granted   = hours granted (net of 'grant' entries)
//   reserved  = hours sitting in open vouchers (awaiting_payment, issued, in_use)
//   used      = hours redeemed by sessions, net of upheld disputes (reversals count as 'redeem')
//   available = the entitlement account's balance: what a next cheque can take
// course_grant (e.g. ITA; money, with holds) reads as the applications component defines it; any
// other kind uses the ledger's generic entitlement balance.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { accruingAccountBalance, topUpsOfAccount } from '../accounts/accounts.js';
import { courseGrantEntitlementBalance } from '../applications/applications.js';
import { accountMovements, entitlementBalance, type EntitlementBalance } from '../ledger/ledger.js';
import { findProgramme, type ProgrammeRow } from '../programmes/programmes.js';
import { accountBalanceOf, voucherAccountsOf, type EntitlementRow } from './entitlement-store.js';
import { entitlementAccountId } from './entitlements.js';

export const OPEN_VOUCHER_STATES = ['awaiting_payment', 'issued', 'in_use'] as const;

async function hoursVoucherBalance(
  sequelize: Sequelize,
  accountId: string,
  entitlementId: string,
  transaction?: Transaction,
): Promise<EntitlementBalance> {
  const vouchers = await voucherAccountsOf(sequelize, [entitlementId], transaction);
  const movements = await accountMovements(sequelize, [accountId, ...vouchers.map((v) => v.account_id)], transaction);
  const own = await accountBalanceOf(sequelize, accountId, transaction);
  const open = vouchers.filter((v) => (OPEN_VOUCHER_STATES as readonly string[]).includes(v.status));
  return {
    granted: movements.get('grant') ?? new Decimal(0),
    reserved: open.reduce((sum, v) => sum.plus(v.balance), new Decimal(0)),
    used: (movements.get('redeem') ?? new Decimal(0)).negated(),
    available: new Decimal(own?.balance ?? 0).minus(own?.held ?? 0),
  };
}

async function balanceOf(
  sequelize: Sequelize,
  row: EntitlementRow,
  programme: ProgrammeRow,
  transaction?: Transaction,
): Promise<EntitlementBalance> {
  const accountId = await entitlementAccountId(sequelize, row, transaction);
  const zero = new Decimal(0);
  if (!accountId) return { granted: zero, reserved: zero, used: zero, available: zero };
  if (programme.kind === 'hours_voucher') return hoursVoucherBalance(sequelize, accountId, row.id, transaction);
  if (programme.kind === 'course_grant') return courseGrantEntitlementBalance(sequelize, accountId, transaction);
  if (programme.kind === 'accruing_account') return accruingAccountBalance(sequelize, { entitlementId: row.id, accountId }, transaction);
  return entitlementBalance(sequelize, [accountId], transaction);
}

export const balanceJson = (balance: EntitlementBalance, unit: string) => ({
  granted: balance.granted.toFixed(2),
  reserved: balance.reserved.toFixed(2),
  used: balance.used.toFixed(2),
  available: balance.available.toFixed(2),
  unit,
});

export type EntitlementView = Awaited<ReturnType<typeof entitlementView>>;

export async function entitlementView(sequelize: Sequelize, row: EntitlementRow, transaction?: Transaction) {
  const programme = await findProgramme(sequelize, row.programme_code, transaction);
  if (!programme) throw new Error(`entitlement ${row.id} names no programme`);
  return {
    id: row.id,
    programme: row.programme_code,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    decisionId: row.decision_id,
    grantTransactionId: row.grant_transaction_id,
    balance: balanceJson(await balanceOf(sequelize, row, programme, transaction), programme.unit),
    // An accruing account's top-ups, each with its funder, what is left and its deadline.
    ...(programme.kind === 'accruing_account' ? { topUps: await topUpsOfAccount(sequelize, row.id, transaction) } : {}),
  };
}

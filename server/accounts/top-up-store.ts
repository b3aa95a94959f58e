// Data access for top-ups ("abondements"). A row says whose account a top-up belongs to, who
// funded it and what it is tied to; its balance is its ledger account's (owner `top_up`).
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export const FUNDER_TYPES = ['employer', 'sector_fund', 'region'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

export type TopUp = {
  id: string;
  programmeCode: string;
  entitlementId: string;
  citizenId: string;
  funder: { type: FunderType; name: string };
  courseId: string | null;
  deadline: string | null;
  amount: Decimal;
  currency: string;
  accountId: string;
  fundingTransactionId: string;
  receivedOn: string;
  note: string;
  /** balance - held of its ledger account. */
  available: Decimal;
  balance: Decimal;
};

type Row = {
  id: string;
  programme_code: string;
  entitlement_id: string;
  citizen_id: string;
  funder_type: FunderType;
  funder_name: string;
  course_id: string | null;
  deadline: string | null;
  amount: string;
  currency: string;
  account_id: string;
  funding_transaction_id: string;
  received_on: string;
  note: string;
  balance: string;
  held: string;
};

const toTopUp = (row: Row): TopUp => ({
  id: row.id,
  programmeCode: row.programme_code,
  entitlementId: row.entitlement_id,
  citizenId: row.citizen_id,
  funder: { type: row.funder_type, name: row.funder_name },
  courseId: row.course_id,
  deadline: row.deadline,
  amount: new Decimal(row.amount),
  currency: row.currency,
  accountId: row.account_id,
  fundingTransactionId: row.funding_transaction_id,
  receivedOn: row.received_on,
  note: row.note,
  balance: new Decimal(row.balance),
  available: new Decimal(row.balance).minus(row.held),
});

const SELECT = `SELECT t.*, la.balance, la.held FROM account_top_ups t JOIN ledger_accounts la ON la.id = t.account_id`;

export type NewTopUp = Omit<TopUp, 'available' | 'balance'> & { createdBy: string | null };

export async function insertTopUp(sequelize: Sequelize, topUp: NewTopUp, transaction: Transaction): Promise<TopUp> {
  await queryRows(
    sequelize,
    `INSERT INTO account_top_ups (id, programme_code, entitlement_id, citizen_id, funder_type, funder_name, course_id, deadline, amount,
                                  currency, account_id, funding_transaction_id, received_on, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      topUp.id,
      topUp.programmeCode,
      topUp.entitlementId,
      topUp.citizenId,
      topUp.funder.type,
      topUp.funder.name,
      topUp.courseId,
      topUp.deadline,
      topUp.amount.toFixed(2),
      topUp.currency,
      topUp.accountId,
      topUp.fundingTransactionId,
      topUp.receivedOn,
      topUp.note,
      topUp.createdBy,
    ],
    { transaction },
  );
  const [written] = await topUpsWhere(sequelize, 't.id = $1', [topUp.id], transaction);
  if (!written) throw new Error(`top-up ${topUp.id} vanished in its own transaction`);
  return written;
}

/** Tied top-ups first (a claim for their course spends them before any other), then by the earliest deadline. */
const topUpsWhere = async (sequelize: Sequelize, where: string, binds: unknown[], transaction?: Transaction) =>
  (
    await queryRows<Row>(
      sequelize,
      `${SELECT} WHERE ${where} ORDER BY t.course_id IS NULL, t.deadline NULLS LAST, t.created_at, t.id`,
      binds,
      {
        transaction,
      },
    )
  ).map(toTopUp);

/** The top-ups of these accounts, the earliest deadline first. */
export const topUpsOf = (sequelize: Sequelize, entitlementIds: string[], transaction?: Transaction) =>
  topUpsWhere(sequelize, 't.entitlement_id = ANY($1::uuid[])', [entitlementIds], transaction);

/**
 * The account's top-ups a claim for this course may spend, in the order it spends them before the
 * citizen's own money: those tied to the course, then those tied to none; each group by the
 * earliest deadline (what would go back to its funder soonest), none past its deadline.
 */
export const spendableTopUps = (sequelize: Sequelize, entitlementId: string, courseId: string, today: string, transaction: Transaction) =>
  topUpsWhere(
    sequelize,
    't.entitlement_id = $1 AND (t.course_id = $2 OR t.course_id IS NULL) AND (t.deadline IS NULL OR t.deadline >= $3) AND la.balance > la.held',
    [entitlementId, courseId, today],
    transaction,
  );

/** Top-ups past their deadline with money left, after `afterId`: what goes back to the funders. */
export const topUpsDue = (sequelize: Sequelize, today: string, afterId: string | null, limit: number) =>
  queryRows<{ id: string; entitlement_id: string }>(
    sequelize,
    `SELECT t.id, t.entitlement_id FROM account_top_ups t JOIN ledger_accounts la ON la.id = t.account_id
     WHERE t.deadline < $1 AND la.balance > 0 AND ($2::uuid IS NULL OR t.id > $2::uuid) ORDER BY t.id LIMIT $3`,
    [today, afterId, limit],
  );

export async function findTopUp(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<TopUp | undefined> {
  const [found] = await topUpsWhere(sequelize, 't.id = $1', [id], transaction);
  return found;
}

/** How many entries the top-up's account has: names each return of what is left, so it is posted once. */
export async function entryCountOf(sequelize: Sequelize, accountId: string, transaction: Transaction): Promise<number> {
  const [row] = await queryRows<{ count: string }>(
    sequelize,
    `SELECT count(*) AS count FROM ledger_entries WHERE account_id = $1`,
    [accountId],
    {
      transaction,
    },
  );
  return Number(row?.count ?? 0);
}

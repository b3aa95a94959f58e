// Data access for accruing accounts. An account is the citizen's one entitlement in the
// programme (opened by their first claim) with its ledger account (owner `entitlement`); what it
// holds is read from the ledger, never from a column of ours.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type Account = { entitlementId: string; citizenId: string; programmeCode: string; accountId: string; openedOn: string };

/** An account's entitlement and its ledger account. */
export type AccountIds = Pick<Account, 'entitlementId' | 'accountId'>;

type AccountRow = { id: string; citizen_id: string; programme_code: string; account_id: string; period_start: string };

const accountOf = (row: AccountRow): Account => ({
  entitlementId: row.id,
  citizenId: row.citizen_id,
  programmeCode: row.programme_code,
  accountId: row.account_id,
  openedOn: row.period_start,
});

/** Locks the citizen: one claim of theirs at a time opens or spends their account. False when unknown. */
export async function lockCitizen(sequelize: Sequelize, citizenId: string, transaction: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT 1 FROM citizens WHERE id = $1 FOR UPDATE`, [citizenId], { transaction });
  return rows.length === 1;
}

/** The citizen's account in the programme, locked until the transaction ends (accruals and spending queue on it). */
export async function findAccount(
  sequelize: Sequelize,
  citizenId: string,
  code: string,
  transaction: Transaction,
): Promise<Account | undefined> {
  const [row] = await queryRows<AccountRow>(
    sequelize,
    `SELECT id, citizen_id, programme_code, account_id, period_start FROM entitlements
     WHERE citizen_id = $1 AND programme_code = $2 ORDER BY period_start, id LIMIT 1 FOR UPDATE`,
    [citizenId, code],
    { transaction },
  );
  return row && accountOf(row);
}

/** An account by its entitlement, locked; another worker's lock skips it (undefined). */
export async function lockAccount(sequelize: Sequelize, entitlementId: string, transaction: Transaction): Promise<Account | undefined> {
  const [row] = await queryRows<AccountRow>(
    sequelize,
    `SELECT id, citizen_id, programme_code, account_id, period_start FROM entitlements WHERE id = $1 FOR UPDATE SKIP LOCKED`,
    [entitlementId],
    { transaction },
  );
  return row && accountOf(row);
}

export async function insertAccount(
  sequelize: Sequelize,
  account: { entitlementId: string; citizenId: string; code: string; start: string; end: string; decisionId: string; accountId: string },
  transaction: Transaction,
): Promise<Account> {
  const [row] = await queryRows<AccountRow>(
    sequelize,
    `SELECT id, citizen_id, programme_code, account_id, period_start FROM entitlement_insert($1, $2, $3, $4, $5, $6, $7, NULL)`,
    [account.entitlementId, account.citizenId, account.code, account.start, account.end, account.decisionId, account.accountId],
    { transaction },
  );
  if (!row) throw new Error('entitlement_insert returned no row');
  return accountOf(row);
}

/**
 * The citizen's own money that live applications hold: what their grants took from the account
 * itself (top-up money they hold is the funder's, outside the ceiling).
 */
export async function ownMoneyHeld(sequelize: Sequelize, account: AccountIds, transaction?: Transaction): Promise<Decimal> {
  const [row] = await queryRows<{ held: string | null }>(
    sequelize,
    `SELECT -sum(le.amount) AS held FROM applications a
     JOIN ledger_entries le ON le.transaction_id = a.grant_transaction_id AND le.account_id = $2
     WHERE a.entitlement_id = $1 AND a.status IN ('pending_verification', 'verified')`,
    [account.entitlementId, account.accountId],
    { transaction },
  );
  return new Decimal(row?.held ?? '0');
}

/** The groups of the citizen's latest decision in the programme (what their rules said when they last claimed). */
export async function latestGroups(sequelize: Sequelize, citizenId: string, code: string, transaction?: Transaction): Promise<string[]> {
  const [row] = await queryRows<{ groups: string[] }>(
    sequelize,
    `SELECT groups FROM decisions WHERE citizen_id = $1 AND programme_code = $2 ORDER BY created_at DESC, id LIMIT 1`,
    [citizenId, code],
    { transaction },
  );
  return row?.groups ?? [];
}

/** The accounts of every accruing_account programme, by entitlement id after `afterId`. */
export async function accountIdsAfter(sequelize: Sequelize, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    sequelize,
    `SELECT e.id FROM entitlements e JOIN programmes p ON p.code = e.programme_code
     WHERE p.kind = 'accruing_account' AND ($1::uuid IS NULL OR e.id > $1::uuid) ORDER BY e.id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((row) => row.id);
}

/** Whether the ledger holds a transaction under this key (a year's accrual is posted once). */
export async function postedUnder(sequelize: Sequelize, key: string, transaction?: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT 1 FROM ledger_transactions WHERE idempotency_key = $1`, [key], { transaction });
  return rows.length === 1;
}

export type SpendableCourse = {
  id: string;
  centreId: string;
  price: Decimal;
  currency: string;
  programmeCode: string;
  approved: boolean;
  accredited: boolean;
};

/** The course with whether it is approved and its provider accredited for the programme on the day; undefined when unknown. */
export async function findCourse(
  sequelize: Sequelize,
  courseId: string,
  on: { code: string; today: string },
  transaction: Transaction,
): Promise<SpendableCourse | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(courseId)) return undefined;
  const [row] = await queryRows<{
    id: string;
    centre_id: string;
    price: string;
    currency: string;
    programme_code: string;
    approved: boolean;
    accredited: boolean;
  }>(
    sequelize,
    `SELECT co.id, co.centre_id, co.price, co.currency, co.programme_code, co.status = 'approved' AS approved,
            EXISTS (SELECT 1 FROM accreditation_active_on($2) a WHERE a.centre_id = co.centre_id AND a.programme_code = $3) AS accredited
     FROM courses co WHERE co.id = $1`,
    [courseId, on.today, on.code],
    { transaction },
  );
  return (
    row && {
      id: row.id,
      centreId: row.centre_id,
      price: new Decimal(row.price),
      currency: row.currency,
      programmeCode: row.programme_code,
      approved: row.approved,
      accredited: row.accredited,
    }
  );
}

// Data access for granted rights. Rows say who holds which right for which period and where its
// ledger account is; the balance itself is always read from the ledger.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type EntitlementRow = {
  id: string;
  citizen_id: string;
  programme_code: string;
  period_start: string;
  period_end: string;
  status: string;
  decision_id: string | null;
  account_id: string | null;
  hourly_fee: string | null;
  grant_transaction_id: string | null;
  created_at: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Serialises a citizen's claims: two claims with different keys wait for each other here. */
export async function lockCitizen(sequelize: Sequelize, citizenId: string, transaction: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT id FROM citizens WHERE id = $1 FOR UPDATE`, [citizenId], { transaction });
  return rows.length > 0;
}

export type NewEntitlement = {
  id: string;
  citizenId: string;
  programmeCode: string;
  periodStart: string;
  periodEnd: string;
  decisionId: string;
  accountId: string;
  hourlyFee: string | null;
};

/** Writes the right through entitlement_insert.sql, the one place rights are written (ITA claims too). */
export async function insertEntitlement(
  sequelize: Sequelize,
  entitlement: NewEntitlement,
  transaction: Transaction,
): Promise<EntitlementRow> {
  const [row] = await queryRows<EntitlementRow>(
    sequelize,
    `SELECT * FROM entitlement_insert($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entitlement.id,
      entitlement.citizenId,
      entitlement.programmeCode,
      entitlement.periodStart,
      entitlement.periodEnd,
      entitlement.decisionId,
      entitlement.accountId,
      entitlement.hourlyFee,
    ],
    { transaction },
  );
  if (!row) throw new Error('entitlement insert returned nothing');
  return row;
}

export async function setGrantTransaction(sequelize: Sequelize, id: string, transactionId: string, transaction: Transaction) {
  await queryRows(sequelize, `UPDATE entitlements SET grant_transaction_id = $2 WHERE id = $1`, [id, transactionId], { transaction });
}

/** The entitlement, optionally locked FOR UPDATE; undefined for an unknown or malformed id. */
export async function findEntitlementRow(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<EntitlementRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await queryRows<EntitlementRow>(
    sequelize,
    `SELECT * FROM entitlements WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
    { transaction: options.transaction },
  );
  return row;
}

/**
 * A citizen's rights, newest period first, those after the right `afterId` (a page's cursor) when
 * given. The cursor names a row rather than copying its sort key, so the key keeps its full precision.
 */
export async function entitlementsOfCitizen(
  sequelize: Sequelize,
  citizenId: string,
  page: { afterId: string | undefined; limit: number },
): Promise<EntitlementRow[]> {
  return queryRows<EntitlementRow>(
    sequelize,
    `SELECT * FROM entitlements WHERE citizen_id = $1
       AND ($2::uuid IS NULL OR (period_start, created_at, id) < (SELECT period_start, created_at, id FROM entitlements WHERE id = $2 AND citizen_id = $1))
     ORDER BY period_start DESC, created_at DESC, id DESC LIMIT $3`,
    [citizenId, page.afterId ?? null, page.limit],
  );
}

/** The unit a programme's rights are counted in. */
export async function programmeUnitOf(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<string | undefined> {
  const [programme] = await queryRows<{ unit: string }>(sequelize, `SELECT unit FROM programmes WHERE code = $1`, [code], { transaction });
  return programme?.unit;
}

/**
 * The accounts of an LBC right's cheques with their status and balance: the right's hours live on
 * its own account and on these (the vouchers table is read here, not imported: a right does not
 * depend on the component that spends it).
 */
export async function voucherAccountsOf(sequelize: Sequelize, entitlementIds: string[], transaction?: Transaction) {
  return queryRows<{ entitlement_id: string; account_id: string; code: string; status: string; balance: string }>(
    sequelize,
    `SELECT v.entitlement_id, v.account_id, v.code, v.status, a.balance FROM vouchers v JOIN ledger_accounts a ON a.id = v.account_id
     WHERE v.entitlement_id = ANY($1::uuid[])`,
    [entitlementIds],
    { transaction },
  );
}

export async function accountBalanceOf(sequelize: Sequelize, accountId: string, transaction?: Transaction) {
  const [own] = await queryRows<{ balance: string; held: string }>(
    sequelize,
    `SELECT balance, held FROM ledger_accounts WHERE id = $1`,
    [accountId],
    {
      transaction,
    },
  );
  return own;
}

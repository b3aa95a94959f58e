// Data access for credit lots: the lots granted to a citizen with what their ledger accounts hold,
// what each open application drew from them, the course a claim names, and the citizen's
// credit-lots right. Plain SQL returning plain objects; amounts leave here as Decimals.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type LotGrant = {
  id: string;
  lot: string;
  amount: Decimal;
  currency: string;
  grantedOn: string;
  expiresOn: string | null;
  courseTags: string[];
  accountId: string;
  grantTransactionId: string;
  /** What the lot's account holds now: neither drawn by an application nor returned at expiry. */
  available: Decimal;
  /** Drawn by applications still pending or verified (held for them). */
  held: Decimal;
  /** Drawn by applications the provider claimed. */
  spent: Decimal;
};

type LotRow = {
  id: string;
  lot: string;
  amount: string;
  currency: string;
  granted_on: string;
  expires_on: string | null;
  course_tags: string[];
  account_id: string;
  grant_transaction_id: string;
  available: string;
  held: string;
  spent: string;
};

const toLot = (row: LotRow): LotGrant => ({
  id: row.id,
  lot: row.lot,
  amount: new Decimal(row.amount),
  currency: row.currency,
  grantedOn: row.granted_on,
  expiresOn: row.expires_on,
  courseTags: row.course_tags,
  accountId: row.account_id,
  grantTransactionId: row.grant_transaction_id,
  available: new Decimal(row.available),
  held: new Decimal(row.held),
  spent: new Decimal(row.spent),
});

const drawn = (statuses: string) =>
  `coalesce((SELECT sum(d.amount) FROM credit_lot_draws d JOIN applications ap ON ap.id = d.application_id
             WHERE d.lot_grant_id = g.id AND ap.status IN (${statuses})), 0)`;

/**
 * A citizen's lots of a programme, oldest first. What moves a lot's money out (a claim's draw, an
 * expiry) holds the citizen's row first: the lot rows are a record nobody updates, so they are not
 * what is locked.
 */
export async function lotsOf(
  sequelize: Sequelize,
  owner: { programmeCode: string; citizenId: string },
  options: { transaction?: Transaction } = {},
): Promise<LotGrant[]> {
  const rows = await queryRows<LotRow>(
    sequelize,
    `SELECT g.id, g.lot, g.amount, g.currency, g.granted_on, g.expires_on, g.course_tags, g.account_id, g.grant_transaction_id,
            a.balance - a.held AS available,
            ${drawn(`'pending_verification', 'verified'`)} AS held,
            ${drawn(`'claimed'`)} AS spent
     FROM credit_lot_grants g JOIN ledger_accounts a ON a.id = g.account_id
     WHERE g.programme_code = $1 AND g.citizen_id = $2
     ORDER BY g.granted_on, g.lot`,
    [owner.programmeCode, owner.citizenId],
    { transaction: options.transaction },
  );
  return rows.map(toLot);
}

export type NewLotGrant = {
  id: string;
  programmeCode: string;
  citizenId: string;
  lot: string;
  amount: Decimal;
  currency: string;
  grantedOn: string;
  expiresOn: string | null;
  courseTags: readonly string[];
  decisionId: string;
  accountId: string;
  grantTransactionId: string;
};

export async function insertLotGrant(sequelize: Sequelize, grant: NewLotGrant, transaction: Transaction): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO credit_lot_grants (id, programme_code, citizen_id, lot, amount, currency, granted_on, expires_on, course_tags, decision_id,
                                    account_id, grant_transaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11, $12)`,
    [
      grant.id,
      grant.programmeCode,
      grant.citizenId,
      grant.lot,
      grant.amount.toFixed(2),
      grant.currency,
      grant.grantedOn,
      grant.expiresOn,
      grant.courseTags,
      grant.decisionId,
      grant.accountId,
      grant.grantTransactionId,
    ],
    { transaction },
  );
}

export async function insertDraws(
  sequelize: Sequelize,
  applicationId: string,
  draws: readonly { lotGrantId: string; amount: Decimal }[],
  transaction: Transaction,
): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO credit_lot_draws (application_id, lot_grant_id, amount)
     SELECT $1, d.lot, d.amount FROM unnest($2::uuid[], $3::numeric[]) AS d(lot, amount)`,
    [applicationId, draws.map((draw) => draw.lotGrantId), draws.map((draw) => draw.amount.toFixed(2))],
    { transaction },
  );
}

/** The citizen row locked (a citizen's claims and grants go one at a time), with the birth date its facts hold. */
export async function lockCitizen(
  sequelize: Sequelize,
  citizenId: string,
  transaction: Transaction,
): Promise<{ name: string; birthDate: string | undefined } | undefined> {
  const [row] = await queryRows<{ name: string; birth_date: string | null }>(
    sequelize,
    `SELECT name, facts->>'birthDate' AS birth_date FROM citizens WHERE id = $1 FOR UPDATE`,
    [citizenId],
    { transaction },
  );
  return row && { name: row.name, birthDate: row.birth_date ?? undefined };
}

export type LotCourse = {
  id: string;
  programmeCode: string;
  centreId: string;
  price: Decimal;
  currency: string;
  tags: string[];
};

/** The approved course, or undefined for an unknown, malformed or unapproved one. */
export async function findApprovedCourse(sequelize: Sequelize, courseId: string, transaction: Transaction): Promise<LotCourse | undefined> {
  if (!UUID.test(courseId)) return undefined;
  const [row] = await queryRows<{ id: string; programme_code: string; centre_id: string; price: string; currency: string; tags: string[] }>(
    sequelize,
    `SELECT id, programme_code, centre_id, price, currency, tags FROM courses WHERE id = $1 AND status = 'approved'`,
    [courseId],
    { transaction },
  );
  return (
    row && {
      id: row.id,
      programmeCode: row.programme_code,
      centreId: row.centre_id,
      price: new Decimal(row.price),
      currency: row.currency,
      tags: row.tags,
    }
  );
}

/** The citizen's credit-lots right in the programme (one, open-ended), if they have one. */
export async function findCreditRight(
  sequelize: Sequelize,
  owner: { programmeCode: string; citizenId: string },
  transaction?: Transaction,
): Promise<{ id: string; accountId: string | null } | undefined> {
  const [row] = await queryRows<{ id: string; account_id: string | null }>(
    sequelize,
    `SELECT id, account_id FROM entitlements WHERE programme_code = $1 AND citizen_id = $2 ORDER BY period_start LIMIT 1`,
    [owner.programmeCode, owner.citizenId],
    { transaction },
  );
  return row && { id: row.id, accountId: row.account_id };
}

/** Writes the right through entitlement_insert.sql, the one place rights are written. */
export async function insertCreditRight(
  sequelize: Sequelize,
  right: { programmeCode: string; citizenId: string; start: string; end: string; decisionId: string },
  transaction: Transaction,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `SELECT id FROM entitlement_insert(NULL, $1, $2, $3, $4, $5, NULL, NULL)`,
    [right.citizenId, right.programmeCode, right.start, right.end, right.decisionId],
    { transaction },
  );
  if (!row) throw new Error('entitlement_insert returned no row');
  return row.id;
}

/**
 * Lots past their last day that still hold money, with their citizens' rows locked (as a claim's
 * draw locks it); lots of a citizen another worker or a claim holds are skipped this time.
 */
export async function lockExpiredWithMoney(
  sequelize: Sequelize,
  today: string,
  limit: number,
  transaction: Transaction,
): Promise<{ id: string; programmeCode: string; citizenId: string; accountId: string; lot: string; available: Decimal }[]> {
  const rows = await queryRows<{
    id: string;
    programme_code: string;
    citizen_id: string;
    account_id: string;
    lot: string;
    available: string;
  }>(
    sequelize,
    `SELECT g.id, g.programme_code, g.citizen_id, g.account_id, g.lot, a.balance - a.held AS available
     FROM credit_lot_grants g JOIN ledger_accounts a ON a.id = g.account_id JOIN citizens c ON c.id = g.citizen_id
     WHERE g.expires_on < $1 AND a.balance - a.held > 0
     ORDER BY g.expires_on, g.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
    [today, limit],
    { transaction },
  );
  return rows.map((row) => ({
    id: row.id,
    programmeCode: row.programme_code,
    citizenId: row.citizen_id,
    accountId: row.account_id,
    lot: row.lot,
    available: new Decimal(row.available),
  }));
}

/** Citizens holding a lot of the programme but not `lot`, after `afterId`: who a lot that came due may go to. */
export async function holdersWithoutLot(
  sequelize: Sequelize,
  wanted: { programmeCode: string; lot: string; bornOnOrBefore: string | null; afterId: string; limit: number },
): Promise<string[]> {
  const rows = await queryRows<{ citizen_id: string }>(
    sequelize,
    `SELECT DISTINCT g.citizen_id FROM credit_lot_grants g JOIN citizens c ON c.id = g.citizen_id
     WHERE g.programme_code = $1 AND g.citizen_id > $4
       AND ($3::date IS NULL OR (c.facts->>'birthDate') <= $3::text)
       AND NOT EXISTS (SELECT 1 FROM credit_lot_grants o WHERE o.programme_code = $1 AND o.citizen_id = g.citizen_id AND o.lot = $2)
     ORDER BY g.citizen_id LIMIT $5`,
    [wanted.programmeCode, wanted.lot, wanted.bornOnOrBefore, wanted.afterId, wanted.limit],
  );
  return rows.map((row) => row.citizen_id);
}

/** Every credit-lots programme, by code. */
export async function creditLotsProgrammes(sequelize: Sequelize): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(sequelize, `SELECT code FROM programmes WHERE kind = 'credit_lots' ORDER BY code`);
  return rows.map((row) => row.code);
}

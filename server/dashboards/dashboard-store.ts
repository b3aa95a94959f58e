// The figures of a programme's dashboard, read in SQL. A dashboard is a report across the records
// of several components (the ledger, rights, cheques, applications, windows, alerts), so it reads
// their tables directly and only reads: it moves nothing and writes nothing. Amounts stay NUMERIC
// in SQL and come back as text. Dates are business dates (the ledger's, a decision's, an
// application's), the service clock's days, never the database's wall clock.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { ProgrammeKind } from '../programmes/programmes.js';

export type BudgetPoint = { day: string; funded: string; left: string; paid: string };

/**
 * The budget at the end of each of `days`: funded (minus the funding account), left (the budget
 * account and its lanes, which hold no holds) and paid to centres, each summed from the entries
 * of transactions dated on or before that day.
 */
export function budgetAt(sequelize: Sequelize, code: string, currency: string, days: readonly string[]): Promise<BudgetPoint[]> {
  return queryRows<BudgetPoint>(
    sequelize,
    `WITH moves AS (
       SELECT t.business_date AS day, a.owner_type, sum(e.amount) AS amount
       FROM ledger_accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_transactions t ON t.id = e.transaction_id
       WHERE a.programme_code = $1 AND a.unit = $2
         AND a.owner_type IN ('programme_funding', 'programme_budget', 'programme_budget_lane', 'centre_paid')
       GROUP BY 1, 2)
     SELECT d.day::text AS day,
            (-coalesce(sum(m.amount) FILTER (WHERE m.owner_type = 'programme_funding'), 0))::numeric(18, 2)::text AS funded,
            coalesce(sum(m.amount) FILTER (WHERE m.owner_type IN ('programme_budget', 'programme_budget_lane')), 0)::numeric(18, 2)::text AS left,
            coalesce(sum(m.amount) FILTER (WHERE m.owner_type = 'centre_paid'), 0)::numeric(18, 2)::text AS paid
     FROM unnest($3::date[]) AS d(day)
     LEFT JOIN moves m ON m.day <= d.day
     GROUP BY d.day ORDER BY d.day`,
    [code, currency, days],
  );
}

// A right's day: its grant's, else its decision's (an accruing account's right is opened without a grant).
const RIGHT_DAY = `coalesce(g.business_date, d.reference_date, (e.created_at AT TIME ZONE 'UTC')::date)`;
const RIGHTS = `FROM entitlements e
  LEFT JOIN ledger_transactions g ON g.id = e.grant_transaction_id
  LEFT JOIN decisions d ON d.id = e.decision_id
  WHERE e.programme_code = $1`;
const APPLICATIONS = `SELECT a.applied_on AS day, a.verified_at IS NOT NULL AS used, a.status = 'claimed' AS closed
  FROM applications a JOIN entitlements e ON e.id = a.entitlement_id WHERE e.programme_code = $1`;

/**
 * A programme's claims by kind, each with its day and whether it reached its first use and its
 * close: an hours voucher's right (a cheque registered at a centre; a cheque closed with its
 * development plan), an accruing account (a course paid from it; a course claimed by its
 * provider), a course grant's or credit lots' application (verified by the provider; claimed by
 * the provider). Columns: day, used, closed.
 */
const CLAIMS: Readonly<Record<ProgrammeKind, string>> = {
  hours_voucher: `SELECT ${RIGHT_DAY} AS day,
      EXISTS (SELECT 1 FROM vouchers v WHERE v.entitlement_id = e.id AND v.registered_at IS NOT NULL) AS used,
      EXISTS (SELECT 1 FROM vouchers v WHERE v.entitlement_id = e.id AND v.status = 'closed') AS closed
    ${RIGHTS}`,
  accruing_account: `SELECT ${RIGHT_DAY} AS day,
      EXISTS (SELECT 1 FROM applications a WHERE a.entitlement_id = e.id) AS used,
      EXISTS (SELECT 1 FROM applications a WHERE a.entitlement_id = e.id AND a.status = 'claimed') AS closed
    ${RIGHTS}`,
  course_grant: APPLICATIONS,
  credit_lots: APPLICATIONS,
};

/** Claims made on each day from `from` through `to` that had any (the days without are left out). */
export function claimsPerDay(sequelize: Sequelize, kind: ProgrammeKind, code: string, from: string, to: string) {
  return queryRows<{ day: string; claims: number }>(
    sequelize,
    `SELECT c.day::text AS day, count(*)::integer AS claims FROM (${CLAIMS[kind]}) c
     WHERE c.day BETWEEN $2 AND $3 GROUP BY c.day ORDER BY c.day`,
    [code, from, to],
  );
}

export type FunnelCounts = { claimed: number; used: number; closed: number };

/** Of the claims made from `from` through `to`: how many reached their first use, and their close. */
export async function funnelOf(sequelize: Sequelize, kind: ProgrammeKind, code: string, from: string, to: string): Promise<FunnelCounts> {
  const [row] = await queryRows<FunnelCounts>(
    sequelize,
    `SELECT count(*)::integer AS claimed, count(*) FILTER (WHERE c.used)::integer AS used,
            count(*) FILTER (WHERE c.closed)::integer AS closed
     FROM (${CLAIMS[kind]}) c WHERE c.day BETWEEN $2 AND $3`,
    [code, from, to],
  );
  // An aggregate without GROUP BY answers one row, even over no claims.
  return row!;
}

/** What each application window of the programme allocated so far (a window nobody claimed in yet has no row). */
export function windowsAllocated(sequelize: Sequelize, code: string) {
  return queryRows<{ windowId: string; allocated: string }>(
    sequelize,
    `SELECT window_id AS "windowId", allocated::text AS allocated FROM application_windows WHERE programme_code = $1`,
    [code],
  );
}

/** The alert thresholds (percent of the funding committed) that programme_budget_alerts announces. */
export async function alertThresholds(sequelize: Sequelize): Promise<number[]> {
  const [row] = await queryRows<{ thresholds: number[] }>(sequelize, `SELECT programme_budget_alert_thresholds() AS thresholds`, []);
  return row!.thresholds;
}

/** When each threshold was announced for the funding total `total` (the administrators were told then). */
export function alertsAnnounced(sequelize: Sequelize, code: string, total: string) {
  return queryRows<{ threshold: number; announcedAt: Date | string }>(
    sequelize,
    `SELECT threshold, created_at AS "announcedAt" FROM budget_alerts WHERE programme_code = $1 AND funding_total = $2::numeric`,
    [code, total],
  );
}

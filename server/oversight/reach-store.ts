// The reach of a programme in a period, counted in one statement (docs/glossary.md, "Reach"):
// - eligible: citizens with at least one stored decision for the programme, with a reference date
//   in the period, that found them eligible (every claim is made on such a decision);
// - claimed: of those, citizens granted a right of the programme on a decision dated in the period,
//   or who applied in the period for a course the programme funds;
// - used: of those who claimed, citizens with a guidance session recorded (and not reversed) on a
//   cheque of the programme in the period, or an application of the programme its provider claimed
//   in the period.
// Each citizen is described by the facts recorded today, their age taken at the period's end.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';
import { REACH_DIMENSIONS, type ReachDimension } from './reach-dimensions.js';

export type ReachCounts = { eligible: number; claimed: number; used: number };
/** Counts per dimension and category (categories nobody falls in are absent), and the totals. */
export type ReachTally = { totals: ReachCounts; cells: Map<ReachDimension, Map<string, ReachCounts>> };

type Row = { dimension: ReachDimension | null; category: string | null; eligible: string; claimed: string; used: string };

// Each band's SQL is written once, here; reach-dimensions.ts lists the categories in the order shown.
const REACH_SQL = `
  WITH population AS (
    SELECT DISTINCT citizen_id FROM decisions
     WHERE programme_code = $1 AND eligible AND reference_date BETWEEN $2::date AND $3::date
  ), rights AS (
    -- Each person's rights of the programme (entitlements_citizen_idx), so what follows reads only theirs.
    SELECT p.citizen_id, e.id, e.decision_id FROM population p
      JOIN entitlements e ON e.citizen_id = p.citizen_id AND e.programme_code = $1
  ), marked AS (
    SELECT p.citizen_id,
           EXISTS (SELECT 1 FROM rights r JOIN decisions d ON d.id = r.decision_id
                    WHERE r.citizen_id = p.citizen_id AND d.reference_date BETWEEN $2::date AND $3::date)
           OR EXISTS (SELECT 1 FROM rights r JOIN applications a ON a.entitlement_id = r.id
                       WHERE r.citizen_id = p.citizen_id AND a.applied_on BETWEEN $2::date AND $3::date) AS claimed,
           EXISTS (SELECT 1 FROM rights r JOIN vouchers v ON v.entitlement_id = r.id JOIN voucher_sessions s ON s.voucher_id = v.id
                    WHERE r.citizen_id = p.citizen_id AND s.status = 'recorded' AND s.session_date BETWEEN $2::date AND $3::date)
           OR EXISTS (SELECT 1 FROM rights r JOIN applications a ON a.entitlement_id = r.id
                       WHERE r.citizen_id = p.citizen_id AND a.status = 'claimed'
                         AND (a.claimed_at AT TIME ZONE 'UTC')::date BETWEEN $2::date AND $3::date) AS used_any
      FROM population p
  ), people AS (
    SELECT c.facts, m.claimed, m.claimed AND m.used_any AS used,
           CASE WHEN jsonb_typeof(c.facts->'birthDate') = 'string'
                THEN extract(year FROM age($3::date, (c.facts->>'birthDate')::date))::int END AS age
      FROM marked m JOIN citizens c ON c.id = m.citizen_id
  ), described AS (
    SELECT claimed, used,
           CASE WHEN age IS NULL THEN 'unknown' WHEN age < 25 THEN 'under25' WHEN age < 35 THEN '25to34'
                WHEN age < 45 THEN '35to44' WHEN age < 55 THEN '45to54' ELSE '55plus' END AS age_band,
           CASE WHEN facts->>'sex' IN ('female', 'male', 'other', 'not_stated') THEN facts->>'sex' ELSE 'unknown' END AS sex,
           CASE WHEN jsonb_typeof(facts->'highestQualification') <> 'number' THEN 'unknown'
                WHEN (facts->>'highestQualification')::int <= 2 THEN 'low'
                WHEN (facts->>'highestQualification')::int <= 4 THEN 'medium' ELSE 'high' END AS education,
           CASE WHEN NOT facts ? 'residenceRegion' THEN 'unknown'
                WHEN jsonb_typeof(facts->'residenceRegion') = 'null' THEN 'elsewhere'
                ELSE facts->>'residenceRegion' END AS region
      FROM people
  )
  SELECT CASE WHEN GROUPING(age_band) = 0 THEN 'ageBand' WHEN GROUPING(sex) = 0 THEN 'sex'
              WHEN GROUPING(education) = 0 THEN 'education' WHEN GROUPING(region) = 0 THEN 'region' END AS dimension,
         coalesce(age_band, sex, education, region) AS category,
         count(*) AS eligible, count(*) FILTER (WHERE claimed) AS claimed, count(*) FILTER (WHERE used) AS used
    FROM described
   GROUP BY GROUPING SETS ((age_band), (sex), (education), (region), ())`;

export async function tallyReach(sequelize: Sequelize, code: string, from: string, to: string): Promise<ReachTally> {
  const rows = await queryRows<Row>(sequelize, REACH_SQL, [code, from, to]);
  const counts = (row: Row): ReachCounts => ({ eligible: Number(row.eligible), claimed: Number(row.claimed), used: Number(row.used) });
  const cells = new Map(REACH_DIMENSIONS.map(({ dimension }) => [dimension, new Map<string, ReachCounts>()]));
  let totals: ReachCounts = { eligible: 0, claimed: 0, used: 0 };
  for (const row of rows) {
    if (row.dimension === null) totals = counts(row);
    else cells.get(row.dimension)?.set(String(row.category), counts(row));
  }
  return { totals, cells };
}

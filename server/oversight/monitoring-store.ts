// What each centre delivered on cheques in a period (issue 18, item 9), counted in one statement:
// - hours delivered: hours of the sessions dated in the period that still stand (not reversed);
// - disputed sessions: of every session dated in the period, those a citizen disputed (whatever
//   the decision), and their share of the sessions;
// - cheques closed: cheques closed with a development plan in the period, the hours that stand on
//   them (their average), and the median number of days from registration at the centre to close.
// Only centres that had a session or closed a cheque in the period are listed, by name.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';

export type MonitoringRow = {
  centre_id: string;
  centre_name: string;
  sessions: string;
  disputed: string;
  hours: string;
  closed: string;
  closed_hours: string | null;
  median_days: number | null;
};

const MONITORING_SQL = `
  WITH sessions AS (
    SELECT s.centre_id, count(*) AS sessions,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM voucher_disputes d WHERE d.session_id = s.id)) AS disputed,
           coalesce(sum(s.hours) FILTER (WHERE s.status = 'recorded'), 0) AS hours
      FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id
     WHERE s.session_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR v.programme_code = $3)
     GROUP BY s.centre_id
  ), closed AS (
    SELECT v.centre_id, count(*) AS closed, avg(h.hours) AS closed_hours,
           percentile_cont(0.5) WITHIN GROUP (
             ORDER BY (v.ended_at AT TIME ZONE 'UTC')::date - (v.registered_at AT TIME ZONE 'UTC')::date) AS median_days
      FROM vouchers v
      CROSS JOIN LATERAL (SELECT coalesce(sum(x.hours), 0) AS hours FROM voucher_sessions x
                           WHERE x.voucher_id = v.id AND x.status = 'recorded') h
     WHERE v.status = 'closed' AND (v.ended_at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
       AND ($3::text IS NULL OR v.programme_code = $3)
     GROUP BY v.centre_id
  )
  SELECT c.id AS centre_id, c.name AS centre_name,
         coalesce(s.sessions, 0) AS sessions, coalesce(s.disputed, 0) AS disputed, coalesce(s.hours, 0) AS hours,
         coalesce(k.closed, 0) AS closed, k.closed_hours, k.median_days
    FROM centres c
    LEFT JOIN sessions s ON s.centre_id = c.id
    LEFT JOIN closed k ON k.centre_id = c.id
   WHERE (s.centre_id IS NOT NULL OR k.centre_id IS NOT NULL)
     AND ($4::text IS NULL OR (c.name, c.id) > ($4::text, $5::uuid))
   ORDER BY c.name, c.id
   LIMIT $6`;

/** One page of centres after the (name, id) of the last one shown; `limit` rows at most. */
export const monitoringRows = (
  sequelize: Sequelize,
  query: { from: string; to: string; programme: string | undefined; after: [string, string] | undefined; limit: number },
) =>
  queryRows<MonitoringRow>(sequelize, MONITORING_SQL, [
    query.from,
    query.to,
    query.programme ?? null,
    query.after?.[0] ?? null,
    query.after?.[1] ?? null,
    query.limit,
  ]);

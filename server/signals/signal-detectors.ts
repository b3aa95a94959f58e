// The detectors: each reads the records (read-only SQL over the sessions, cheques, registration
// tries, applications and contest evidence) and returns what it found, one finding per subject,
// with the rows behind it as they are now. A finding only opens a case (signal-service.ts): none
// of this ever blocks, holds back or changes a payment.
//
// Each looks at the last LOOKBACK_DAYS only: detection runs every hour, so anything older was
// looked at already, and a wider window would only cost time as the tables grow. Periods are
// calendar months and clock hours in UTC, the service's business calendar.
import type { Sequelize } from 'sequelize';
import type { SignalThresholds } from '../config.js';
import { queryRows } from '../db/database.js';

export const SIGNAL_KINDS = [
  'counsellor_overbooked',
  'dormant_cheque',
  'centre_volume_jump',
  'wrong_client_numbers',
  'course_claims_outlier',
  'shared_evidence',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

type Json = string | number | boolean | null;
export type SignalRow = Record<string, Json>;

export type Finding = {
  kind: SignalKind;
  /** With the kind, what the case is about: one case per kind and subject, ever. */
  subject: string;
  centreId: string | null;
  /** What was measured and the threshold it was measured against. */
  facts: Record<string, Json>;
  rows: SignalRow[];
};

export type Detector = (sequelize: Sequelize, now: Date, thresholds: SignalThresholds) => Promise<Finding[]>;

const LOOKBACK_DAYS = 62;
/** The dormant pattern's rows: the session that woke the cheque and those of the 14 days after it, the burst an ILA-like claim makes. */
const WAKE_WINDOW_DAYS = 14;
/** A monthly average over the 3 months before: long enough to smooth a quiet month, short enough to follow a growing centre. */
const HISTORY_MONTHS = 3;
/** A median of fewer than 3 other courses says little about what is usual. */
const MIN_PEERS = 3;

const today = (now: Date) => now.toISOString().slice(0, 10);

/** The current month and the one before (a spike late last month is judged once the month is whole). */
const MONTHS = `SELECT generate_series(date_trunc('month', $1::date) - interval '1 month', date_trunc('month', $1::date), interval '1 month')::date AS month`;

/** One counsellor (by name, within a centre) booked for more hours on one day than a working day holds. */
const counsellorOverbooked: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{ centre_id: string; day: string; who: string; counsellor: string; hours: string; rows: SignalRow[] }>(
    sequelize,
    `SELECT s.centre_id, s.session_date::text AS day, lower(regexp_replace(btrim(s.counsellor), '\\s+', ' ', 'g')) AS who,
            min(s.counsellor) AS counsellor, sum(s.hours)::text AS hours,
            jsonb_agg(jsonb_build_object('session', s.id, 'date', s.session_date::text, 'counsellor', s.counsellor,
                                         'cheque', v.code, 'hours', s.hours::text) ORDER BY s.created_at, s.id) AS rows
       FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id
      WHERE s.status = 'recorded' AND s.session_date BETWEEN $1::date - $2::integer AND $1::date
      GROUP BY s.centre_id, s.session_date, lower(regexp_replace(btrim(s.counsellor), '\\s+', ' ', 'g'))
     HAVING sum(s.hours) > $3::numeric`,
    [today(now), LOOKBACK_DAYS, String(thresholds.counsellorMaxHoursPerDay)],
  );
  return found.map((row) => ({
    kind: 'counsellor_overbooked',
    subject: `${row.centre_id}:${row.day}:${row.who}`,
    centreId: row.centre_id,
    facts: { counsellor: row.counsellor, date: row.day, hours: row.hours, maxHoursPerDay: thresholds.counsellorMaxHoursPerDay },
    rows: row.rows,
  }));
};

/** A session on a cheque that lay untouched (since it was issued, or since its previous session) for the dormant period: the ILA pattern. */
const dormantCheque: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{
    voucher_id: string;
    code: string;
    centre_id: string;
    woke_on: string;
    last_active: string;
    idle_days: number;
    rows: SignalRow[];
  }>(
    sequelize,
    `WITH sessions AS (
       SELECT s.id, s.voucher_id, s.centre_id, s.session_date, s.created_at, v.code,
              coalesce(lag(s.session_date) OVER (PARTITION BY s.voucher_id ORDER BY s.session_date, s.created_at, s.id), v.issued_on) AS last_active
         FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id
        WHERE s.status = 'recorded'
          AND s.voucher_id IN (SELECT voucher_id FROM voucher_sessions WHERE session_date BETWEEN $1::date - $2::integer AND $1::date))
     SELECT w.voucher_id, w.code, w.centre_id, w.session_date::text AS woke_on, w.last_active::text AS last_active,
            (w.session_date - w.last_active) AS idle_days,
            (SELECT jsonb_agg(jsonb_build_object('session', b.id, 'date', b.session_date::text, 'counsellor', b.counsellor,
                                                 'hours', b.hours::text, 'recordedAt', b.created_at) ORDER BY b.session_date, b.created_at, b.id)
               FROM voucher_sessions b
              WHERE b.voucher_id = w.voucher_id AND b.status = 'recorded'
                AND b.session_date BETWEEN w.session_date AND w.session_date + $4::integer) AS rows
       FROM sessions w
      WHERE w.session_date >= $1::date - $2::integer AND w.session_date - w.last_active >= $3::integer`,
    [today(now), LOOKBACK_DAYS, thresholds.dormantDays, WAKE_WINDOW_DAYS],
  );
  return found.map((row) => ({
    kind: 'dormant_cheque',
    subject: `${row.voucher_id}:${row.woke_on}`,
    centreId: row.centre_id,
    facts: {
      cheque: row.code,
      lastActive: row.last_active,
      wokeOn: row.woke_on,
      idleDays: row.idle_days,
      dormantDays: thresholds.dormantDays,
    },
    rows: row.rows,
  }));
};

/** A centre's hours in a month above a factor of its own monthly average of the months before. */
const centreVolumeJump: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{ centre_id: string; month: string; hours: string; history: string; rows: SignalRow[] }>(
    sequelize,
    `WITH months AS (${MONTHS}),
     totals AS (
       SELECT m.month, s.centre_id,
              coalesce(sum(s.hours) FILTER (WHERE s.session_date >= m.month), 0) AS hours,
              coalesce(sum(s.hours) FILTER (WHERE s.session_date < m.month), 0) AS history
         FROM months m
         JOIN voucher_sessions s ON s.status = 'recorded'
          AND s.session_date >= m.month - make_interval(months => $2) AND s.session_date < m.month + interval '1 month'
        GROUP BY m.month, s.centre_id)
     SELECT t.centre_id, to_char(t.month, 'YYYY-MM') AS month, t.hours::text AS hours, t.history::text AS history,
            (SELECT jsonb_agg(jsonb_build_object('month', to_char(p.month, 'YYYY-MM'), 'hours', coalesce(sum_hours, 0)::text,
                                                 'sessions', sessions) ORDER BY p.month)
               FROM generate_series(t.month - make_interval(months => $2), t.month, interval '1 month') AS p(month)
               CROSS JOIN LATERAL (
                 SELECT sum(x.hours) AS sum_hours, count(x.id) AS sessions FROM voucher_sessions x
                  WHERE x.centre_id = t.centre_id AND x.status = 'recorded'
                    AND x.session_date >= p.month AND x.session_date < p.month + interval '1 month') AS q) AS rows
       FROM totals t
      WHERE t.history > 0 AND t.hours >= $3::numeric AND t.hours * $2 > $4::numeric * t.history`,
    [today(now), HISTORY_MONTHS, String(thresholds.volumeMinHours), String(thresholds.volumeFactor)],
  );
  return found.map((row) => ({
    kind: 'centre_volume_jump',
    subject: `${row.centre_id}:${row.month}`,
    centreId: row.centre_id,
    facts: {
      month: row.month,
      hours: row.hours,
      historyHours: row.history,
      historyMonths: HISTORY_MONTHS,
      factor: thresholds.volumeFactor,
      minHours: thresholds.volumeMinHours,
    },
    rows: row.rows,
  }));
};

/**
 * Many refused registration tries by one centre in one clock hour: someone guessing client numbers
 * or codes. The counts are forgotten once their hour has passed (registration-try-store.ts), so
 * this detector runs at every scheduler tick, before the vouchers' jobs forget them.
 */
const wrongClientNumbers: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{ centre_id: string; hour: Date; tries: number }>(
    sequelize,
    `SELECT centre_id, hour, tries FROM centre_registration_tries
      WHERE tries >= $2 AND hour >= $1::timestamptz - make_interval(days => $3)`,
    [now.toISOString(), thresholds.wrongTriesPerHour, LOOKBACK_DAYS],
  );
  return found.map((row) => ({
    kind: 'wrong_client_numbers',
    subject: `${row.centre_id}:${row.hour.toISOString()}`,
    centreId: row.centre_id,
    facts: { hour: row.hour.toISOString(), tries: row.tries, triesPerHour: thresholds.wrongTriesPerHour },
    rows: [{ hour: row.hour.toISOString(), tries: row.tries }],
  }));
};

/** A course's claims in a month far above the median of its programme's other courses that month (the STAP lesson). */
const courseClaimsOutlier: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{
    course_id: string;
    centre_id: string;
    title: string;
    programme_code: string;
    month: string;
    claims: number;
    median: string;
    peers: number;
    rows: SignalRow[];
  }>(
    sequelize,
    `WITH months AS (${MONTHS}),
     counts AS (
       SELECT m.month, c.programme_code, a.course_id, count(*)::integer AS claims
         FROM months m
         JOIN applications a ON a.applied_on >= m.month AND a.applied_on < m.month + interval '1 month'
         JOIN courses c ON c.id = a.course_id
        GROUP BY m.month, c.programme_code, a.course_id),
     judged AS (
       SELECT n.*, p.median, p.peers
         FROM counts n
         CROSS JOIN LATERAL (
           SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o.claims) AS median, count(*)::integer AS peers
             FROM counts o WHERE o.month = n.month AND o.programme_code = n.programme_code AND o.course_id <> n.course_id) AS p)
     SELECT j.course_id, c.centre_id, c.title, j.programme_code, to_char(j.month, 'YYYY-MM') AS month, j.claims,
            j.median::text AS median, j.peers,
            (SELECT jsonb_agg(jsonb_build_object('application', a.reference, 'date', a.applied_on::text, 'status', a.status,
                                                 'funded', a.funded_amount::text, 'currency', a.currency) ORDER BY a.applied_on, a.reference)
               FROM applications a
              WHERE a.course_id = j.course_id AND a.applied_on >= j.month AND a.applied_on < j.month + interval '1 month') AS rows
       FROM judged j JOIN courses c ON c.id = j.course_id
      WHERE j.peers >= $2 AND j.claims >= $3 AND j.claims > $4::numeric * j.median`,
    [today(now), MIN_PEERS, thresholds.courseMinClaims, String(thresholds.courseFactor)],
  );
  return found.map((row) => ({
    kind: 'course_claims_outlier',
    subject: `${row.course_id}:${row.month}`,
    centreId: row.centre_id,
    facts: {
      course: row.title,
      programme: row.programme_code,
      month: row.month,
      claims: row.claims,
      peerMedian: row.median,
      peers: row.peers,
      factor: thresholds.courseFactor,
      minClaims: thresholds.courseMinClaims,
    },
    rows: row.rows,
  }));
};

/** One evidence file (the same SHA-256) sent by several citizens: a template or a forged document passed around. */
const sharedEvidence: Detector = async (sequelize, now, thresholds) => {
  const found = await queryRows<{ sha256: string; citizens: number; rows: SignalRow[] }>(
    sequelize,
    `SELECT e.sha256, count(DISTINCT c.citizen_id)::integer AS citizens,
            jsonb_agg(jsonb_build_object('contest', c.reference, 'citizen', c.citizen_id, 'programme', c.programme_code,
                                         'fileName', e.file_name, 'sentAt', e.created_at) ORDER BY e.created_at, e.id) AS rows
       FROM contest_evidence e JOIN contests c ON c.id = e.contest_id
      WHERE e.sha256 IN (SELECT sha256 FROM contest_evidence WHERE created_at >= $1::timestamptz - make_interval(days => $2))
      GROUP BY e.sha256
     HAVING count(DISTINCT c.citizen_id) >= $3`,
    [now.toISOString(), LOOKBACK_DAYS, thresholds.evidenceMinCitizens],
  );
  return found.map((row) => ({
    kind: 'shared_evidence',
    subject: row.sha256,
    centreId: null,
    facts: { sha256: row.sha256, citizens: row.citizens, minCitizens: thresholds.evidenceMinCitizens },
    rows: row.rows,
  }));
};

export const DETECTORS: Readonly<Record<SignalKind, Detector>> = {
  counsellor_overbooked: counsellorOverbooked,
  dormant_cheque: dormantCheque,
  centre_volume_jump: centreVolumeJump,
  wrong_client_numbers: wrongClientNumbers,
  course_claims_outlier: courseClaimsOutlier,
  shared_evidence: sharedEvidence,
};

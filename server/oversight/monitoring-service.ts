// Centre monitoring (issue 18, item 9): per centre, for a period, the hours delivered, cheques
// closed with a development plan, the share of sessions disputed, the average hours on a closed
// cheque and the median time from registration to close. What each counts: monitoring-store.ts.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { findProgramme } from '../programmes/programmes.js';
import { decodeCursorAs, toPage, type Page } from '../shared/pagination.js';
import { monitoringRows, type MonitoringRow } from './monitoring-store.js';
import { checkPeriod, type Period } from './period.js';

export type CentreMonitoring = {
  centreId: string;
  centreName: string;
  hoursDelivered: { amount: string; unit: 'HOUR' };
  sessions: number;
  disputedSessions: number;
  /** Disputed sessions / sessions, to 4 decimals ("0.2500"); null without sessions. */
  disputeShare: string | null;
  chequesClosed: number;
  averageHoursPerClosedCheque: { amount: string; unit: 'HOUR' } | null;
  /** Median days from registration at the centre to close, over the cheques closed (halves possible). */
  medianDaysToClose: number | null;
};

export type MonitoringQuery = Period & { programme?: string | undefined; limit: number; cursor?: string | undefined };

// The cursor carries the (name, id) of the last centre shown; checked before either reaches SQL.
const cursorKey = z.tuple([
  z
    .string()
    .max(500)
    .refine((name) => !name.includes('\u0000')),
  z.uuid(),
]);

const hours = (amount: Decimal) => ({ amount: amount.toFixed(2), unit: 'HOUR' as const });

function toMonitoring(row: MonitoringRow): CentreMonitoring {
  const sessions = Number(row.sessions);
  const disputed = Number(row.disputed);
  return {
    centreId: row.centre_id,
    centreName: row.centre_name,
    hoursDelivered: hours(new Decimal(row.hours)),
    sessions,
    disputedSessions: disputed,
    disputeShare: sessions === 0 ? null : new Decimal(disputed).div(sessions).toFixed(4),
    chequesClosed: Number(row.closed),
    averageHoursPerClosedCheque: row.closed_hours === null ? null : hours(new Decimal(row.closed_hours)),
    medianDaysToClose: row.median_days === null ? null : Number(row.median_days),
  };
}

export async function centreMonitoring(sequelize: Sequelize, query: MonitoringQuery): Promise<Page<CentreMonitoring>> {
  checkPeriod(query);
  const after = decodeCursorAs(query.cursor, cursorKey);
  if (query.programme !== undefined && !(await findProgramme(sequelize, query.programme))) throw notFound('Programme');
  const rows = await monitoringRows(sequelize, {
    from: query.from,
    to: query.to,
    programme: query.programme,
    after,
    limit: query.limit + 1,
  });
  return toPage(rows, query.limit, (row) => [row.centre_name, row.centre_id], toMonitoring);
}

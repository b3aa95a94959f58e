// How the reach report and the centre monitoring rows read on the page: a withheld count says why
// ("fewer than 10", or hidden beside one), and a share is shown only where both of its counts are,
// so a percentage can never give a withheld count back.
import { Decimal } from 'decimal.js';
import type { CentreMonitoring, ReachReport, ShownCount } from '../../../oversight/oversight.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

type Tools = { t: Translate; format: Formats };

const countText = (shown: ShownCount, { t, format }: Tools) =>
  shown.count === null ? t(`adminReach.suppressed.${shown.suppressed}`) : format.hours(String(shown.count));

/** part / whole as a whole percentage, or '' when either is withheld or the whole is 0. */
function shareText(part: ShownCount, whole: ShownCount, format: Formats): string {
  if (part.count === null || whole.count === null || whole.count === 0) return '';
  return `${format.hours(new Decimal(part.count).mul(100).div(whole.count).toDecimalPlaces(0).toString())}%`;
}

const cells = (row: Record<'eligible' | 'claimed' | 'used', ShownCount>, tools: Tools) => ({
  eligible: countText(row.eligible, tools),
  claimed: countText(row.claimed, tools),
  used: countText(row.used, tools),
  claimedShare: shareText(row.claimed, row.eligible, tools.format),
  usedShare: shareText(row.used, row.claimed, tools.format),
});

export function reachView(report: ReachReport, programmeName: string, tools: Tools) {
  const { t, format } = tools;
  return {
    programme: programmeName,
    from: format.date(report.period.from),
    to: format.date(report.period.to),
    minimum: report.minimumShown,
    totals: cells(report.totals, tools),
    dimensions: report.dimensions.map(({ dimension, rows }) => ({
      dimension,
      title: t(`adminReach.dimensions.${dimension}.title`),
      rows: rows.map((row) => ({ category: t(`adminReach.dimensions.${dimension}.${row.category}`), ...cells(row, tools) })),
    })),
  };
}

export function monitoringRowView(row: CentreMonitoring, format: Formats) {
  return {
    centre: row.centreName,
    hours: format.hours(row.hoursDelivered.amount),
    sessions: format.hours(String(row.sessions)),
    disputed: format.hours(String(row.disputedSessions)),
    disputeShare: row.disputeShare === null ? '' : `${format.hours(new Decimal(row.disputeShare).mul(100).toDecimalPlaces(1).toString())}%`,
    closed: format.hours(String(row.chequesClosed)),
    averageHours: row.averageHoursPerClosedCheque ? format.hours(row.averageHoursPerClosedCheque.amount) : '',
    medianDays: row.medianDaysToClose === null ? '' : format.hours(String(row.medianDaysToClose)),
  };
}

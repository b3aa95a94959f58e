// Who a programme reaches (issue 18, item 8): the eligible population, who of it claimed and who
// used the programme in a period, by age band, sex, education and region, with small groups
// suppressed (reach-suppression.ts). The counts are defined in reach-store.ts.
import type { Sequelize } from 'sequelize';
import { notFound } from '../errors.js';
import { findProgramme } from '../programmes/programmes.js';
import { REACH_DIMENSIONS, type ReachDimension } from './reach-dimensions.js';
import { tallyReach, type ReachCounts } from './reach-store.js';
import { REACH_MINIMUM, suppressColumn, suppressTotal, type ShownCount } from './reach-suppression.js';
import { checkPeriod, type Period } from './period.js';

const MEASURES = ['eligible', 'claimed', 'used'] as const;
type Measure = (typeof MEASURES)[number];
type ShownCounts = Record<Measure, ShownCount>;

export type ReachRow = { category: string } & ShownCounts;
export type ReachReport = {
  programme: string;
  period: Period;
  minimumShown: number;
  totals: ShownCounts;
  dimensions: { dimension: ReachDimension; rows: ReachRow[] }[];
};

const NONE: ReachCounts = { eligible: 0, claimed: 0, used: 0 };

export async function programmeReach(sequelize: Sequelize, code: string, period: Period): Promise<ReachReport> {
  checkPeriod(period);
  if (!(await findProgramme(sequelize, code))) throw notFound('Programme');
  const tally = await tallyReach(sequelize, code, period.from, period.to);
  const hideTotal: Record<Measure, boolean> = { eligible: false, claimed: false, used: false };
  const dimensions = REACH_DIMENSIONS.map(({ dimension, categories }) => {
    const counts = categories.map((category) => tally.cells.get(dimension)?.get(category) ?? NONE);
    const columns = {} as Record<Measure, ShownCount[]>;
    for (const measure of MEASURES) {
      const column = suppressColumn(counts.map((count) => count[measure]));
      columns[measure] = column.cells;
      hideTotal[measure] ||= column.hideTotal;
    }
    const rows = categories.map((category, index) => ({
      category,
      eligible: columns.eligible[index]!,
      claimed: columns.claimed[index]!,
      used: columns.used[index]!,
    }));
    return { dimension, rows };
  });
  const totals = {
    eligible: suppressTotal(tally.totals.eligible, hideTotal.eligible),
    claimed: suppressTotal(tally.totals.claimed, hideTotal.claimed),
    used: suppressTotal(tally.totals.used, hideTotal.used),
  };
  return { programme: code, period, minimumShown: REACH_MINIMUM, totals, dimensions };
}

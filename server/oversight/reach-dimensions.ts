// The four ways reach is broken down, each with every category in the order a table shows it
// (a category nobody falls in is still shown, as a count of 0 would be). "unknown" is a fact that
// was never recorded; "elsewhere" a residence outside the regions the service knows (null region).
import { REGIONS, SEXES } from '../citizens/citizens.js';

export const REACH_DIMENSIONS = [
  { dimension: 'ageBand', categories: ['under25', '25to34', '35to44', '45to54', '55plus', 'unknown'] },
  { dimension: 'sex', categories: [...SEXES, 'unknown'] },
  // Highest completed education, ISCED 2011 levels in the three bands Eurostat uses: 0-2 low, 3-4 medium, 5-8 high.
  { dimension: 'education', categories: ['low', 'medium', 'high', 'unknown'] },
  { dimension: 'region', categories: [...REGIONS, 'elsewhere', 'unknown'] },
] as const;

export type ReachDimension = (typeof REACH_DIMENSIONS)[number]['dimension'];

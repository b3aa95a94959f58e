// Small groups are never shown (issue 18): a count of fewer than REACH_MINIMUM people, zero included,
// reads "fewer than 10". Hiding it is not enough when the column's total is shown, because the total
// minus the shown cells would give it back. We chose complementary suppression over rounded totals
// (a rounded total still pins a small cell at the edges of its rounding band): in every column where
// a withheld small cell holds anyone, the smallest cell of 10 or more is hidden too, so the hidden
// cells only add up to one sum, and each small cell stays anywhere from 0 up to that sum less 10
// (at most 9). A column whose small cells are all empty needs no complement: what the total gives
// away then is that nobody is in them, which names no one. Where a column has no cell of 10 or more
// left to hide, its total is hidden in every table, since every table of a report shares it.
export const REACH_MINIMUM = 10;

export type Suppression = 'small' | 'complementary';
/** A count as shown: the number, or null with why it is withheld. */
export type ShownCount = { count: number; suppressed: null } | { count: null; suppressed: Suppression };

const shown = (count: number): ShownCount => ({ count, suppressed: null });
const withheld = (suppressed: Suppression): ShownCount => ({ count: null, suppressed });

/**
 * One column of a table (every category's count, zeros included) as shown, and whether the
 * column's total must be hidden because no large cell was left to hide beside a small one.
 */
export function suppressColumn(counts: readonly number[]): { cells: ShownCount[]; hideTotal: boolean } {
  const exposed = counts.some((count) => count > 0 && count < REACH_MINIMUM);
  let complement = -1;
  if (exposed) {
    counts.forEach((count, index) => {
      if (count >= REACH_MINIMUM && (complement < 0 || count < counts[complement]!)) complement = index;
    });
  }
  const cells = counts.map((count, index) => {
    if (count < REACH_MINIMUM) return withheld('small');
    return index === complement ? withheld('complementary') : shown(count);
  });
  return { cells, hideTotal: exposed && complement < 0 };
}

/** A column's total: small when under the minimum, complementary when a table had to hide it. */
export const suppressTotal = (total: number, hiddenByATable: boolean): ShownCount =>
  total < REACH_MINIMUM ? withheld('small') : hiddenByATable ? withheld('complementary') : shown(total);

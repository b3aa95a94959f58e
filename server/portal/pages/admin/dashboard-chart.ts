// The geometry of the dashboard's charts, drawn by the template as inline SVG (no JavaScript):
// lines for the budget over the period's steps, bars for the claims per day. The numbers are in
// the tables beside the charts, so a chart is a picture only (aria-hidden). Money is scaled with
// Decimal, so an amount never passes through a float on its way to a coordinate.
import { Decimal } from 'decimal.js';

export const CHART = { width: 760, height: 280, left: 130, right: 20, top: 16, bottom: 40 } as const;
const PLOT_WIDTH = CHART.width - CHART.left - CHART.right;
const PLOT_HEIGHT = CHART.height - CHART.top - CHART.bottom;
const BASE = CHART.top + PLOT_HEIGHT;

export type Tick = { at: string; label: string };

const coordinate = (value: Decimal) => value.toDecimalPlaces(1).toFixed(1);
/** The height of `value` on a scale that ends at `top` (0 when the scale is empty). */
const yOf = (value: Decimal.Value, top: Decimal) =>
  coordinate(new Decimal(BASE).minus(new Decimal(value).times(PLOT_HEIGHT).dividedBy(top)));
/** The x of the i-th of `count` points, spread over the plot (one point sits in the middle). */
const xOf = (i: number, count: number) =>
  coordinate(new Decimal(CHART.left).plus(count === 1 ? PLOT_WIDTH / 2 : new Decimal(PLOT_WIDTH).times(i).dividedBy(count - 1)));

/** At most `most` evenly spread indexes of `count`, the last always among them. */
function labelled(count: number, most: number): number[] {
  const every = Math.max(1, Math.ceil(count / most));
  const spread = Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0);
  if (count === 0 || spread.at(-1) === count - 1) return spread;
  // The last point takes the place of the spread label just before it, which would crowd it.
  return [...(spread.length > 1 ? spread.slice(0, -1) : spread), count - 1];
}

/** Labels centred on their point, but the last, which ends there so it stays inside the picture. */
const anchored = (ticks: readonly Tick[]) =>
  ticks.map((tick, i) => ({ ...tick, anchor: i > 0 && i === ticks.length - 1 ? 'end' : 'middle' }));

const scaleTop = (values: readonly Decimal.Value[]) => {
  const top = values.reduce<Decimal>((most, value) => Decimal.max(most, value), new Decimal(0));
  return top.isZero() ? new Decimal(1) : top;
};

/** Lines of `series` (amounts as decimal text, one per step), with money ticks and the steps' labels. */
export function lineChart(
  series: readonly { key: string; values: readonly string[] }[],
  steps: readonly string[],
  label: { amount: (amount: Decimal) => string; step: (step: string) => string },
) {
  const top = scaleTop(series.flatMap((line) => line.values));
  return {
    ...CHART,
    base: BASE,
    lines: series.map(({ key, values }) => ({
      key,
      points: values.map((value, i) => `${xOf(i, values.length)},${yOf(value, top)}`).join(' '),
    })),
    yTicks: [new Decimal(0), top.dividedBy(2).toDecimalPlaces(2), top].map((value) => ({
      at: yOf(value, top),
      label: label.amount(value),
    })),
    xTicks: anchored(labelled(steps.length, 5).map((i) => ({ at: xOf(i, steps.length), label: label.step(steps[i]!) }))),
  };
}

/** A bar per day of `counts`, with count ticks and a few days' labels. */
export function barChart(counts: readonly { day: string; claims: number }[], label: { day: (day: string) => string }) {
  const top = scaleTop(counts.map((count) => count.claims));
  const slot = new Decimal(PLOT_WIDTH).dividedBy(Math.max(counts.length, 1));
  const centre = (i: number) => coordinate(slot.times(i).plus(slot.dividedBy(2)).plus(CHART.left));
  return {
    ...CHART,
    base: BASE,
    bars: counts.flatMap(({ claims }, i) => {
      if (claims === 0) return [];
      const y = yOf(claims, top);
      const width = Decimal.max(slot.times(0.8), 1);
      return [
        {
          x: coordinate(slot.times(i).plus(CHART.left).plus(slot.minus(width).dividedBy(2))),
          y,
          width: coordinate(width),
          height: coordinate(new Decimal(BASE).minus(y)),
        },
      ];
    }),
    yTicks: [...new Set([0, Math.ceil(top.toNumber() / 2), top.toNumber()])].map((value) => ({
      at: yOf(value, top),
      label: String(value),
    })),
    xTicks: anchored(labelled(counts.length, 4).map((i) => ({ at: centre(i), label: label.day(counts[i]!.day) }))),
  };
}

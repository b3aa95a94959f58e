import { expect } from 'chai';
import { barChart, CHART, lineChart } from '../../server/portal/pages/admin/dashboard-chart.js';
import { periodOf, stepsOf } from '../../server/dashboards/dashboards.js';

const base = CHART.height - CHART.bottom;

describe('Programme dashboard: the period and the charts (pure)', () => {
  it('when no period is asked, then it is the twelve months that end today; a period cut into months keeps its own first and last day', () => {
    expect(periodOf({}, '2091-03-10')).to.deep.equal({
      period: { from: '2090-03-11', to: '2091-03-10', interval: 'month' },
      problem: undefined,
    });
    expect(stepsOf({ from: '2091-01-15', to: '2091-03-03', interval: 'month' })).to.deep.equal([
      { from: '2091-01-15', to: '2091-01-31' },
      { from: '2091-02-01', to: '2091-02-28' },
      { from: '2091-03-01', to: '2091-03-03' },
    ]);
    expect(stepsOf({ from: '2091-01-01', to: '2091-01-10', interval: 'week' })).to.deep.equal([
      { from: '2091-01-01', to: '2091-01-07' },
      { from: '2091-01-08', to: '2091-01-10' },
    ]);
    expect(periodOf({ from: '2091-01-02', to: '2091-01-01' }, '2091-03-10').problem).to.deep.equal({ field: 'from', problem: 'order' });
    expect(periodOf({ from: '2088-12-31', to: '2091-01-01' }, '2091-03-10').problem).to.deep.equal({ field: 'from', problem: 'too_long' });
    expect(periodOf({ from: '2089-01-01', to: '2091-01-01' }, '2091-03-10').problem).to.equal(undefined);
  });

  it('when a line chart has one step or nothing funded, then its point sits in the middle on the base line, and amounts scale exactly', () => {
    const one = lineChart([{ key: 'funded', values: ['0.00'] }], ['2091-01-31'], { amount: String, step: (step) => step });
    expect(one.lines[0]!.points).to.equal(`${CHART.left + (CHART.width - CHART.left - CHART.right) / 2}.0,${base}.0`);
    expect(one.xTicks).to.deep.equal([
      { at: `${CHART.left + (CHART.width - CHART.left - CHART.right) / 2}.0`, label: '2091-01-31', anchor: 'middle' },
    ]);
    const two = lineChart([{ key: 'left', values: ['0.01', '0.02'] }], ['a', 'b'], {
      amount: (amount) => amount.toFixed(2),
      step: (step) => step,
    });
    expect(two.lines[0]!.points).to.equal(`${CHART.left}.0,${(base + CHART.top) / 2}.0 ${CHART.width - CHART.right}.0,${CHART.top}.0`);
    expect(two.yTicks.map((tick) => tick.label)).to.deep.equal(['0.00', '0.01', '0.02']);
    expect(two.xTicks.map((tick) => tick.anchor)).to.deep.equal(['middle', 'end']);
  });

  it('when days have no claims, then they get no bar; the last day is always labelled, in place of the label that would crowd it', () => {
    const days = Array.from({ length: 11 }, (_, i) => ({ day: `d${i}`, claims: i === 4 ? 2 : 0 }));
    const chart = barChart(days, { day: (day) => day });
    expect(chart.bars).to.have.length(1);
    expect(chart.yTicks.map((tick) => tick.label)).to.deep.equal(['0', '1', '2']);
    expect(chart.xTicks.map((tick) => tick.label)).to.deep.equal(['d0', 'd3', 'd6', 'd10']);
    expect(barChart([], { day: (day) => day })).to.deep.include({ bars: [], xTicks: [] });
  });
});

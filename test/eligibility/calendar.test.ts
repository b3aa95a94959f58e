import { expect } from 'chai';
import { addDuration, addYears, completedYears, compareDurations, daysBetween, durationBetween } from '../../server/shared/calendar.js';

describe('eligibility calendar', () => {
  it('when a date is 29 February, then a year later is 28 February, and a leap year later 29 February', () => {
    expect(addYears('2020-02-29', 1)).to.equal('2021-02-28');
    expect(addYears('2020-02-29', 6)).to.equal('2026-02-28');
    expect(addYears('2020-02-29', 8)).to.equal('2028-02-29');
  });

  it('when counting an age, then the birthday itself completes the year', () => {
    expect(completedYears('2010-11-22', '2026-11-21')).to.equal(15);
    expect(completedYears('2010-11-22', '2026-11-22')).to.equal(16);
    expect(completedYears('2008-02-29', '2025-02-27')).to.equal(16);
    expect(completedYears('2008-02-29', '2025-02-28')).to.equal(17);
  });

  it('when measuring elapsed time, then it is calendar months plus left-over days', () => {
    expect(durationBetween('2026-08-22', '2026-11-22')).to.equal('P3M');
    expect(durationBetween('2026-08-21', '2026-11-22')).to.equal('P3M1D');
    expect(durationBetween('2020-02-29', '2026-02-28')).to.equal('P6Y');
    expect(durationBetween('2020-02-29', '2026-02-27')).to.equal('P5Y11M29D');
    expect(durationBetween('2026-11-22', '2026-11-22')).to.equal('P0D');
  });

  it('when comparing durations, then months come before days', () => {
    expect(compareDurations('P3M', 'P3M')).to.equal(0);
    expect(compareDurations('P3M1D', 'P3M')).to.be.greaterThan(0);
    expect(compareDurations('P2M30D', 'P3M')).to.be.lessThan(0);
    expect(compareDurations('P6Y', 'P72M')).to.equal(0);
  });

  it('when adding a duration, then it lands where durationBetween measured from', () => {
    expect(addDuration('2020-02-29', 'P6Y')).to.equal('2026-02-28');
    expect(addDuration('2026-08-21', 'P3M1D')).to.equal('2026-11-22');
    expect(daysBetween('2019-01-01', '2026-01-01')).to.equal(2557);
  });
});

import { expect } from 'chai';
import { suppressColumn, suppressTotal } from '../../server/oversight/reach-suppression.js';

describe('Reach: small groups are never shown', () => {
  it('when a group holds 10 people, then it is shown; when it holds 9, then it reads "fewer than 10"', () => {
    expect(suppressColumn([10, 0]).cells[0]).to.deep.equal({ count: 10, suppressed: null });
    expect(suppressColumn([9, 0]).cells[0]).to.deep.equal({ count: null, suppressed: 'small' });
  });

  it('when one small group holds anyone, then the smallest group of 10 or more is hidden too, so the total minus the shown groups cannot give it back', () => {
    const { cells, hideTotal } = suppressColumn([40, 12, 9, 0, 25]);
    expect(cells.map((cell) => cell.suppressed)).to.deep.equal([null, 'complementary', 'small', 'small', null]);
    expect(cells[0]!.count).to.equal(40);
    expect(cells[4]!.count).to.equal(25);
    expect(hideTotal).to.equal(false);
  });

  it('when the small groups are all empty, then nothing else is hidden (the total only tells that nobody is in them)', () => {
    const { cells, hideTotal } = suppressColumn([10, 11, 0, 0]);
    expect(cells.map((cell) => cell.count)).to.deep.equal([10, 11, null, null]);
    expect(hideTotal).to.equal(false);
  });

  it('when no group of 10 or more is left to hide beside a small one, then the total is hidden instead', () => {
    const { cells, hideTotal } = suppressColumn([6, 7, 0]);
    expect(cells.every((cell) => cell.count === null)).to.equal(true);
    expect(hideTotal).to.equal(true);
    expect(suppressTotal(13, hideTotal)).to.deep.equal({ count: null, suppressed: 'complementary' });
    expect(suppressTotal(13, false)).to.deep.equal({ count: 13, suppressed: null });
    expect(suppressTotal(9, false)).to.deep.equal({ count: null, suppressed: 'small' });
  });
});

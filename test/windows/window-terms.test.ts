// The pure rules of windows: which window is open, which opens next, and a draw recomputed from
// its seed, which names any entry whose recorded rank or outcome the seed does not give.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { drawOrder, nextWindowAfter, recomputeDraw, windowOpenOn, windowsOf } from '../../server/applications/windows/window-terms.js';

const windows = windowsOf({
  windows: [
    { id: 'b', opensOn: '2026-09-01', closesOn: '2026-09-30', budget: '10.00', allocation: 'lottery' },
    { id: 'a', opensOn: '2026-05-01', closesOn: '2026-05-15', budget: '10.00', allocation: 'first_come' },
  ],
});

describe('window terms', () => {
  it('when windows are read, then they are in date order, and the open and next window are found by day', () => {
    expect(windows.map((window) => window.id)).to.deep.equal(['a', 'b']);
    expect(windowOpenOn(windows, '2026-05-15')?.id).to.equal('a');
    expect(windowOpenOn(windows, '2026-05-16')).to.equal(undefined);
    expect(nextWindowAfter(windows, '2026-05-16')?.id).to.equal('b');
    expect(windowsOf(undefined)).to.deep.equal([]);
    expect(windowsOf({ windows: null })).to.deep.equal([]);
  });

  it('when a draw is recomputed from its seed, then a recorded outcome the seed does not give is named', () => {
    const seed = 'ab'.repeat(32);
    const ids = ['c1', 'c2', 'c3'];
    const order = drawOrder(seed, ids);
    expect(drawOrder(seed, [...ids].reverse())).to.deep.equal(order);
    const honest = order.map((citizenId, i) => ({
      citizenId,
      rank: i + 1,
      status: i === 0 ? 'won' : 'not_drawn',
      fundedAmount: new Decimal('5.00'),
    }));
    expect(recomputeDraw(seed, new Decimal('9.99'), honest)).to.deep.include({ mismatches: [] });
    expect(recomputeDraw(seed, new Decimal('9.99'), honest).fundedTotal.toFixed(2)).to.equal('5.00');

    const swapped = honest.map((entry, i) => ({ ...entry, status: i === 1 ? 'won' : i === 0 ? 'not_drawn' : entry.status }));
    const check = recomputeDraw(seed, new Decimal('9.99'), swapped);
    expect(check.mismatches.map((mismatch) => mismatch.citizenId)).to.deep.equal([order[0], order[1]]);
    const refused = honest.map((entry, i) => ({ ...entry, status: i === 0 ? 'refused' : i === 1 ? 'won' : entry.status }));
    expect(recomputeDraw(seed, new Decimal('9.99'), refused).mismatches).to.deep.equal([]);
  });
});

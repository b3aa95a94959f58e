import { expect } from 'chai';
import { paginationOf } from '../../server/portal/pagination.js';

describe('portal pagination (govukPagination parameters)', () => {
  const hrefOf = (page: number) => `/list?page=${String(page)}`;

  it('when everything fits on one page, then there is no pagination', () => {
    expect(paginationOf(1, 1, hrefOf)).to.equal(undefined);
    expect(paginationOf(1, 0, hrefOf)).to.equal(undefined);
  });

  it('when on a middle page, then previous and next link to its neighbours and only it is current', () => {
    const shown = paginationOf(2, 3, hrefOf)!;
    expect(shown.previous).to.deep.equal({ href: '/list?page=1' });
    expect(shown.next).to.deep.equal({ href: '/list?page=3' });
    expect(shown.items.map((item) => [item.number, item.current])).to.deep.equal([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });

  it('when on the first or last page, then there is no link before or after it', () => {
    expect(paginationOf(1, 2, hrefOf)?.previous).to.equal(undefined);
    expect(paginationOf(2, 2, hrefOf)?.next).to.equal(undefined);
  });
});

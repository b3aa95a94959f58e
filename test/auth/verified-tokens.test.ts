import { expect } from 'chai';
import { verifiedTokens } from '../../server/auth/verified-tokens.js';

type Said = { userId: string; tokenVersion: number };
const said = (userId: string): Said => ({ userId, tokenVersion: 0 });

describe('verified tokens (unit)', () => {
  it('when a remembered token is asked for before its expiry, then what it said comes back; at or after it, nothing', () => {
    const cache = verifiedTokens<Said>(10);
    cache.remember('token-a', said('a'), 1000);
    expect(cache.get('token-a', 999.9)).to.deep.equal(said('a'));
    expect(cache.get('token-a', 1000)).to.equal(undefined);
    // Once expired it is gone for good, even for a clock that would go back.
    expect(cache.get('token-a', 999)).to.equal(undefined);
    expect(cache.get('token-b', 1)).to.equal(undefined);
  });

  it('when the cache is full, then the oldest token makes room and must be verified again', () => {
    const cache = verifiedTokens<Said>(2);
    cache.remember('first', said('1'), 1000);
    cache.remember('second', said('2'), 1000);
    cache.remember('third', said('3'), 1000);
    expect(cache.get('first', 0)).to.equal(undefined);
    expect(cache.get('second', 0)?.userId).to.equal('2');
    expect(cache.get('third', 0)?.userId).to.equal('3');
  });
});

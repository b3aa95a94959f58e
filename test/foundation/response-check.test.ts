// The check every test's answers go through (test/support/response-check.ts): an answer that its
// route's declared schema does not describe, or a problem code its operation does not list, is
// noted, and the root hooks fail the test with it.
import { expect } from 'chai';
import type { Response } from 'express';
import { checkAnswer, takeMismatches } from '../support/response-check.js';

const answer = (method: string, path: string, statusCode = 200) =>
  ({ statusCode, req: { method, route: { path } } }) as unknown as Response;

describe('checking answers against their declared schema', () => {
  afterEach(() => takeMismatches());

  it('when a token answer has every declared field, then nothing is noted', () => {
    checkAnswer(answer('POST', '/v1/auth/token'), { accessToken: 'x.y.z', tokenType: 'Bearer', expiresIn: 900 });
    expect(takeMismatches()).to.deep.equal([]);
  });

  it('when an answer lacks a declared field or has an undeclared one, then it is noted with its route and the mismatch', () => {
    checkAnswer(answer('POST', '/v1/auth/token'), { accessToken: 'x.y.z', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r' });
    checkAnswer(answer('POST', '/v1/auth/token'), { accessToken: 'x.y.z', tokenType: 'Bearer' });
    const noted = takeMismatches();
    expect(noted).to.have.length(2);
    expect(noted[0]).to.include('post /v1/auth/token answered 200').and.include('additional properties');
    expect(noted[1]).to.include("must have required property 'expiresIn'");
  });

  it('when a route answers another 2xx status with its own schema (202 pending), then that schema is the one checked', () => {
    checkAnswer(answer('POST', '/v1/programmes/:code/budget', 202), { programme: 'LBC', transactionId: '1' });
    expect(takeMismatches()[0]).to.include('answered 202');
  });

  it("when a problem carries a code its operation lists for that status (its own or the router's), then nothing is noted", () => {
    checkAnswer(answer('POST', '/v1/centres/:centreId/vouchers/:code/sessions', 422), { code: 'non_billable_session' });
    checkAnswer(answer('POST', '/v1/centres/:centreId/vouchers/:code/sessions', 422), { code: 'idempotency_key_reused' });
    checkAnswer(answer('POST', '/v1/centres/:centreId/vouchers/:code/sessions', 404), { code: 'not_found' });
    expect(takeMismatches()).to.deep.equal([]);
  });

  it('when a problem carries a code its operation does not list for that status, then it is noted with the route and code', () => {
    checkAnswer(answer('POST', '/v1/centres/:centreId/vouchers/:code/sessions', 409), { code: 'voucher_expired' });
    expect(takeMismatches()).to.deep.equal([
      'post /v1/centres/:centreId/vouchers/:code/sessions answered 409 voucher_expired, a code its problemCodes do not list for 409',
    ]);
  });

  it('when an operation lists no codes for a status, then the codes it answers with that status are not checked', () => {
    checkAnswer(answer('POST', '/v1/auth/token', 409), { code: 'anything_at_all' });
    checkAnswer(answer('POST', '/v1/centres/:centreId/vouchers/:code/sessions', 429), { code: 'too_many_attempts' });
    expect(takeMismatches()).to.deep.equal([]);
  });

  it('when the answer is a problem or comes from no declared route, then it is not checked', () => {
    checkAnswer(answer('POST', '/v1/auth/token', 401), { type: 'about:blank' });
    checkAnswer(answer('GET', '/centre/home'), { anything: true });
    expect(takeMismatches()).to.deep.equal([]);
  });
});

// The check every test's answers go through (test/support/response-check.ts): an answer that its
// route's declared schema does not describe is noted, and the root hooks fail the test with it.
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

  it('when the answer is a problem or comes from no declared route, then it is not checked', () => {
    checkAnswer(answer('POST', '/v1/auth/token', 401), { type: 'about:blank' });
    checkAnswer(answer('GET', '/centre/home'), { anything: true });
    expect(takeMismatches()).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { AppError } from '../../server/errors.js';
import { problemHandler } from '../../server/http/problem.js';
import { requestLog } from '../../server/http/request-log.js';
import { createApp } from '../../server/app.js';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';

/** The request log and the error mapping of createApp(), on a small app whose routes fail on purpose. */
function loggedApp() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(requestLog(logger));
  app.get('/v1/refused', () => {
    throw new AppError(409, 'voucher_open', 'A cheque is still open.');
  });
  app.get('/v1/broken', () => {
    throw new Error('connection reset while reading secrets');
  });
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.use(problemHandler(logger));
  return { http: supertest(app), lines };
}

describe('request log and error mapping', () => {
  it('when a request is answered, then one line names its id, method, URL, status and time, never its token', async () => {
    const { http, lines } = loggedApp();
    const res = await http
      .get('/v1/refused?limit=5')
      .set('Authorization', 'Bearer secret-token')
      .set('X-Request-Id', 'trace-7')
      .expect(409);
    expect(res.headers['x-request-id']).to.equal('trace-7');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ msg: 'request completed', reqId: 'trace-7', method: 'GET', path: '/v1/refused', status: 409 });
    expect(lines[0]!.ms).to.be.a('number');
    expect(JSON.stringify(lines)).not.to.include('secret-token');
  });

  it('when a handler fails with an unknown error, then the client gets a generic 500 and the log gets the error with the request id', async () => {
    const { http, lines } = loggedApp();
    const res = await http.get('/v1/broken').expect(500);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.deep.include({
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side. It has been logged.',
    });
    expect(JSON.stringify(res.body)).not.to.include('secrets');
    const logged = lines.find((line) => line.msg === 'unhandled error') as { err: { message: string }; reqId: string } | undefined;
    expect(logged?.err.message).to.equal('connection reset while reading secrets');
    expect(logged?.reqId).to.equal(res.headers['x-request-id']);
    expect(lines.find((line) => line.msg === 'request completed')).to.include({ status: 500 });
  });

  it('when a token is sent in the query string, then the log has the path without it, and neither the token nor the unknown error', async () => {
    const { http, lines } = loggedApp();
    await http.get('/v1/broken?access_token=secret-in-query&limit=5').expect(500);
    expect(JSON.stringify(lines)).not.to.include('secret-in-query');
    expect(lines.find((line) => line.msg === 'request completed')).to.include({ path: '/v1/broken' });
    expect(lines.find((line) => line.msg === 'unhandled error')).to.include({ path: '/v1/broken' });
  });

  it('when an authenticated request is answered, then the line names the client address and the user', async () => {
    const h = harness();
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const auditor = await createActor(h, 'auditor');
    const http = supertest(createApp({ ...h.context, logger }));
    await http.get('/v1/audit?limit=1').set(auditor.auth).expect(200);
    await http.get('/v1/programmes').expect(200);
    const [authenticated, anonymous] = lines.filter((line) => line.msg === 'request completed');
    expect(authenticated).to.include({ path: '/v1/audit', userId: auditor.principal.userId });
    expect(authenticated?.clientAddress).to.match(/127\.0\.0\.1|::1/);
    expect(anonymous).to.include({ path: '/v1/programmes' }).and.not.to.have.property('userId');
  });

  it('when /health is polled, then it is not logged', async () => {
    const { http, lines } = loggedApp();
    await http.get('/health').expect(200);
    expect(lines).to.have.length(0);
  });
});

import { expect } from 'chai';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { AppError } from '../../server/errors.js';
import { problemHandler } from '../../server/http/problem.js';
import { requestLog } from '../../server/http/request-log.js';

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
    const res = await http.get('/v1/refused?limit=5').set('Authorization', 'Bearer secret-token').set('X-Request-Id', 'trace-7').expect(409);
    expect(res.headers['x-request-id']).to.equal('trace-7');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ msg: 'request completed', reqId: 'trace-7', method: 'GET', url: '/v1/refused?limit=5', status: 409 });
    expect(lines[0]!.ms).to.be.a('number');
    expect(JSON.stringify(lines)).not.to.include('secret-token');
  });

  it('when a handler fails with an unknown error, then the client gets a generic 500 and the log gets the error with the request id', async () => {
    const { http, lines } = loggedApp();
    const res = await http.get('/v1/broken').expect(500);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.deep.include({ status: 500, code: 'internal_error', detail: 'Something went wrong on our side. It has been logged.' });
    expect(JSON.stringify(res.body)).not.to.include('secrets');
    const logged = lines.find((line) => line.msg === 'unhandled error') as { err: { message: string }; reqId: string } | undefined;
    expect(logged?.err.message).to.equal('connection reset while reading secrets');
    expect(logged?.reqId).to.equal(res.headers['x-request-id']);
    expect(lines.find((line) => line.msg === 'request completed')).to.include({ status: 500 });
  });

  it('when /health is polled, then it is not logged', async () => {
    const { http, lines } = loggedApp();
    await http.get('/health').expect(200);
    expect(lines).to.have.length(0);
  });
});

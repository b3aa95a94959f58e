import { expect } from 'chai';
import { harness } from '../support/harness.js';

describe('operations', () => {
  it('when the database answers, then /health says ok', async () => {
    const res = await harness().http.get('/health').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', database: 'ok' });
  });

  it('when a route does not exist, then it answers 404 problem+json', async () => {
    const res = await harness().http.get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.include({ status: 404, code: 'route_not_found' });
  });

  it('when the body is not JSON, then it answers 400 malformed_json', async () => {
    const res = await harness().http.post('/v1/auth/token').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body.code).to.equal('malformed_json');
  });

  it('when the body is larger than the limit, then it answers 413', async () => {
    const res = await harness()
      .http.post('/v1/auth/token')
      .send({ email: 'a@b.test', password: 'x'.repeat(70_000) })
      .expect(413);
    expect(res.body.code).to.equal('body_too_large');
  });

  it('when /metrics is read, then it answers Prometheus text with request counts by route pattern and process metrics', async () => {
    const h = harness();
    await h.http.get('/health').expect(200);
    await h.http.get('/v1/programmes/LBC').expect(200);
    const res = await h.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    expect(res.text).to.include('# TYPE http_requests_total counter');
    expect(res.text).to.match(/^http_requests_total\{method="GET",route="\/health",status="200"\} \d+$/m);
    // Labelled by pattern, never by raw URL, so callers cannot grow the label set.
    expect(res.text).to.include('route="/v1/programmes/:code"').and.not.include('route="/v1/programmes/LBC"');
    expect(res.text).to.include('# TYPE http_request_duration_seconds histogram');
    expect(res.text).to.include('process_cpu_user_seconds_total');
  });

  it('when a request is answered, then it carries the security headers and no X-Powered-By, errors included', async () => {
    for (const [path, status] of [
      ['/health', 200],
      ['/v1/nothing-here', 404],
    ] as const) {
      const res = await harness().http.get(path).expect(status);
      expect(res.headers, path).to.include({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['content-security-policy'], path).to.include("default-src 'self'").and.include("frame-ancestors 'self'");
      expect(res.headers['strict-transport-security'], path).to.match(/max-age=\d+/);
      expect(res.headers, path).to.not.have.property('x-powered-by');
    }
  });

  it('when a request has no usable X-Request-Id, then the answer carries a new one; a usable one is echoed', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const fresh = await harness().http.get('/health').expect(200);
    const another = await harness().http.get('/health').expect(200);
    expect(fresh.headers['x-request-id']).to.match(uuid);
    expect(another.headers['x-request-id']).to.match(uuid).and.not.equal(fresh.headers['x-request-id']);
    const echoed = await harness().http.get('/v1/nothing-here').set('X-Request-Id', 'trace-42.a_b').expect(404);
    expect(echoed.headers['x-request-id']).to.equal('trace-42.a_b');
    // Only a short id of safe characters is echoed, so a caller cannot write into our headers or logs.
    for (const unusable of ['has spaces', 'x'.repeat(101), 'semi;colon']) {
      const res = await harness().http.get('/health').set('X-Request-Id', unusable).expect(200);
      expect(res.headers['x-request-id'], unusable).to.match(uuid);
    }
  });
});

import { expect } from 'chai';
import { buildHarness, harness } from '../support/harness.js';

const TOKEN = 'metrics-token-metrics-token-metrics-01';
const PRODUCTION = { NODE_ENV: 'production', HOST: '0.0.0.0', AUDIT_FINGERPRINT_KEY: 'audit-fingerprint-key-for-the-metrics-test' };

describe('who may read /metrics', () => {
  it('when METRICS_TOKEN is set, then /metrics answers only with that bearer token', async () => {
    const { http } = buildHarness({ METRICS_TOKEN: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
      const request = http.get('/metrics');
      const res = await (authorization ? request.set('Authorization', authorization) : request).expect(401);
      expect(res.body.code, String(authorization)).to.equal('unauthenticated');
    }
    const res = await http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.text).to.include('# TYPE http_requests_total counter');
  });

  it('when in production without METRICS_TOKEN, then /metrics does not exist', async () => {
    const res = await buildHarness(PRODUCTION).http.get('/metrics').expect(404);
    expect(res.body.code).to.equal('route_not_found');
    await buildHarness({ ...PRODUCTION, METRICS_TOKEN: TOKEN })
      .http.get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
  });

  it('when in development or test without METRICS_TOKEN, then /metrics is open for a local Prometheus', async () => {
    await harness().http.get('/metrics').expect(200);
  });
});

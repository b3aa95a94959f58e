// /metrics with WORKERS=2: the real service as a child process on the test database. Every
// request goes on a connection of its own, which the cluster hands to the workers in turn, so
// both serve; one /metrics answer must count them all, whichever worker the scrape reaches.
import { expect } from 'chai';
import http from 'node:http';
import { startServiceProcess, type EmbeddedService } from '../support/embedded-service.js';
import { freePort } from '../support/global-setup.js';

const TOKEN = 'metrics-token-for-the-two-workers-test-01';

/** One GET on a fresh connection (no keep-alive), so the cluster may give it to either worker. */
function get(port: number, path: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('/metrics with several HTTP workers', function () {
  this.timeout(60_000);
  let service: EmbeddedService;
  let port: number;

  before(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      DATABASE_OWNER_URL: process.env.TEST_DATABASE_OWNER_URL,
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '0',
      DB_POOL_MAX: '4',
      WORKERS: '2',
      METRICS_TOKEN: TOKEN,
      JWT_SECRET: 'metrics-workers-test-secret-0123456789',
    };
    service = await startServiceProcess(env, await freePort());
    port = service.port;
    // The first worker may answer /health before the second listens.
    for (let waited = 0; !service.output().includes('with 2 HTTP workers') && waited < 15_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
  });
  after(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
  });

  const healthCount = async () => {
    const res = await get(port, '/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(res.status, res.body).to.equal(200);
    const line = /^http_requests_total\{method="GET",route="\/health",status="200"\} (\d+)$/m.exec(res.body);
    return Number(line?.[1] ?? 0);
  };

  it('when requests are served by both workers, then one /metrics answer counts every one of them', async () => {
    const before = await healthCount();
    for (let i = 0; i < 20; i++) expect((await get(port, '/health')).status).to.equal(200);
    // Whichever worker each scrape reaches, it answers for both.
    expect(await healthCount()).to.equal(before + 20);
    expect(await healthCount()).to.equal(before + 20);
  });

  it('when the scrape has no or a wrong bearer token, then the worker refuses it before anything is gathered', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }]) {
      const res = await get(port, '/metrics', headers);
      expect(res.status).to.equal(401);
      expect(JSON.parse(res.body)).to.include({ code: 'unauthenticated' });
    }
  });
});

// When the database goes away the service says so (503 problem+json with Retry-After, never a
// 500), and when it stays away the service exits 1 so that its supervisor restarts it.
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { settableClock } from '../../server/app-context.js';
import { connectDatabase } from '../../server/db/database.js';
import { postmasterPid, startEmbeddedService, startServiceProcess, startTestCluster } from '../support/embedded-service.js';
import { freePort } from '../support/global-setup.js';
import { testConfig } from '../support/harness.js';

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);

describe('when the database goes away', function () {
  this.timeout(90_000);

  it('when the database refuses connections, then a request answers 503 database_unavailable with Retry-After', async () => {
    const nowhere = connectDatabase(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`, 2);
    try {
      const app = createApp({
        sequelize: nowhere.sequelize,
        config: testConfig(),
        clock: settableClock(),
        logger: pino({ level: 'silent' }),
      });
      const res = await supertest(app).get('/v1/programmes/LBC').expect(503);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.body).to.include({ status: 503, code: 'database_unavailable' });
    } finally {
      await nowhere.close();
    }
  });

  it('when the database refuses connections, then /health answers 503 database_unavailable with the same Retry-After', async () => {
    const nowhere = connectDatabase(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`, 2);
    try {
      const app = createApp({
        sequelize: nowhere.sequelize,
        config: testConfig(),
        clock: settableClock(),
        logger: pino({ level: 'silent' }),
      });
      const res = await supertest(app).get('/health').expect(503);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.body).to.include({ status: 503, code: 'database_unavailable', database: 'unavailable' });
    } finally {
      await nowhere.close();
    }
  });

  it('when PostgreSQL is killed under a running service, then requests answer 503, and after DATABASE_DOWN_EXIT_SECONDS it exits 1', async () => {
    const cluster = await startTestCluster(['-c', 'fsync=off']);
    try {
      const env = {
        ...process.env,
        DATABASE_URL: cluster.appUrl,
        DATABASE_OWNER_URL: cluster.ownerUrl,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        DATABASE_DOWN_EXIT_SECONDS: '3',
      };
      const service = await startServiceProcess(env, await freePort());
      const { port } = service;
      expect((await fetch(`http://127.0.0.1:${port}/v1/programmes/LBC`)).status).to.equal(200);
      process.kill(cluster.pid(), 'SIGKILL');
      // A backend of the killed postmaster may still answer for a moment (it exits once it notices):
      // the first answer that is not a 200 must be the 503.
      let res = await fetch(`http://127.0.0.1:${port}/v1/programmes/LBC`);
      for (const deadline = Date.now() + 2_000; res.status === 200 && Date.now() < deadline;)
        res = await fetch(`http://127.0.0.1:${port}/v1/programmes/LBC`);
      expect(res.status).to.equal(503);
      expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(res.headers.get('retry-after')).to.equal('5');
      expect(await within(service.exited, 15_000), service.output()).to.equal(1);
      expect(service.output()).to.include('the database has not answered for 3 s');
    } finally {
      await cluster.remove();
    }
  });

  it('when the embedded PostgreSQL dies, then the service exits 1 at once', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'learning-accounts-down-'));
    chmodSync(root, 0o755);
    const dataDir = path.join(root, 'pg');
    try {
      const service = await startEmbeddedService(dataDir, await freePort(), await freePort());
      process.kill(postmasterPid(dataDir)!, 'SIGKILL');
      expect(await within(service.exited, 10_000), service.output()).to.equal(1);
      expect(service.output()).to.include('has exited');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

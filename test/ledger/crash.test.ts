// Crash safety: the service is killed with SIGKILL in the middle of a write load; after a
// restart every write it acknowledged is there, nothing half-written is, and verify passes. The
// suite's cluster runs with fsync off, so PostgreSQL itself is killed too on a cluster of its own
// with the durability settings of production.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { connectDatabase, queryRows } from '../../server/db/database.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { startServiceChild } from './support/service-child.js';
import { startServiceProcess, startTestCluster } from '../support/embedded-service.js';
import { freePort } from '../support/global-setup.js';

describe('ledger after a crash', function () {
  this.timeout(90_000);

  it('when the service is SIGKILLed mid-load and restarted, then every acknowledged write is there and verify passes', async () => {
    const admin = await createActor(harness(), 'admin');
    const env = { JWT_SECRET: harness().config.jwt.secret ?? '' };
    const service = await startServiceChild(env);
    const acknowledged: string[] = [];
    let failed = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const res = await fetch(`${service.baseUrl}/v1/programmes/LBC/budget`, {
          method: 'POST',
          headers: { ...admin.auth, 'Content-Type': 'application/json', 'Idempotency-Key': `crash-${randomUUID()}` },
          body: JSON.stringify({ amount: '1.00', note: 'crash test load' }),
        }).catch(() => undefined);
        if (res?.status === 201) acknowledged.push(((await res.json()) as { transactionId: string }).transactionId);
        else failed++;
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    // Killed with the load in full flight, once enough writes were acknowledged (not after a fixed
    // time: under --parallel the machine is busy with other files).
    while (acknowledged.length <= 20) await new Promise((resolve) => setTimeout(resolve, 5));
    service.child.kill('SIGKILL');
    await service.exited;
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length, 'writes acknowledged before the kill').to.be.greaterThan(20);
    expect(failed, 'writes cut off by the kill').to.be.greaterThan(0);

    const restarted = await startServiceChild(env);
    try {
      const found = await queryRows<{ id: string }>(harness().sequelize, `SELECT id FROM ledger_transactions WHERE id = ANY($1::uuid[])`, [
        acknowledged,
      ]);
      expect(found.length).to.equal(acknowledged.length);
      const report = await verifyLedger(harness().sequelize);
      expect(report.checks.filter((check) => check.violations.length > 0)).to.deep.equal([]);
      const after = await fetch(`${restarted.baseUrl}/v1/programmes/LBC/budget`, {
        method: 'POST',
        headers: { ...admin.auth, 'Content-Type': 'application/json', 'Idempotency-Key': `crash-${randomUUID()}` },
        body: JSON.stringify({ amount: '1.00', note: 'after the restart' }),
      });
      expect(after.status).to.equal(201);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('when PostgreSQL (fsync on) and the service are SIGKILLed mid-load, then after recovery every acknowledged write is there, replays move nothing twice, and verify passes', async () => {
    const cluster = await startTestCluster(['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on']);
    const owner = connectDatabase(cluster.ownerUrl, 2);
    try {
      const env = {
        ...process.env,
        DATABASE_URL: cluster.appUrl,
        DATABASE_OWNER_URL: cluster.ownerUrl,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        SCHEDULER_INTERVAL_SECONDS: '0',
        JWT_SECRET: harness().config.jwt.secret ?? '',
      };
      const service = await startServiceProcess(env, await freePort());
      let { port } = service;
      const admin = await createActor({ ...harness(), sequelize: owner.sequelize }, 'admin');
      const fund = (key: string) =>
        fetch(`http://127.0.0.1:${port}/v1/programmes/LBC/budget`, {
          method: 'POST',
          headers: { ...admin.auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({ amount: '1.00', note: 'postgres crash load' }),
        });
      const acknowledged = new Map<string, string>();
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const key = `pg-crash-${randomUUID()}`;
          const res = await fund(key).catch(() => undefined);
          if (res?.status === 201) acknowledged.set(key, ((await res.json()) as { transactionId: string }).transactionId);
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      while (acknowledged.size <= 10) await new Promise((resolve) => setTimeout(resolve, 5)); // in full flight, however busy the machine
      process.kill(cluster.pid(), 'SIGKILL');
      service.child.kill('SIGKILL');
      await service.exited;
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.size, 'writes acknowledged before the kill').to.be.greaterThan(10);

      await cluster.restart();
      const restarted = await startServiceProcess(env, port);
      port = restarted.port; // a new one if another process took it meanwhile
      try {
        const ids = [...acknowledged.values()];
        const found = await queryRows<{ id: string }>(owner.sequelize, `SELECT id FROM ledger_transactions WHERE id = ANY($1::uuid[])`, [
          ids,
        ]);
        expect(found.length, 'acknowledged transactions after crash recovery').to.equal(ids.length);
        const count = async () => (await queryRows<{ n: string }>(owner.sequelize, `SELECT count(*) AS n FROM ledger_transactions`))[0]?.n;
        const before = await count();
        for (const [key, transactionId] of [...acknowledged].slice(0, 20)) {
          const replay = await fund(key);
          expect(replay.status).to.equal(201);
          expect(((await replay.json()) as { transactionId: string }).transactionId).to.equal(transactionId);
        }
        expect(await count(), 'replays of acknowledged requests move nothing').to.equal(before);
        const report = await verifyLedger(owner.sequelize);
        expect(report.checks.filter((check) => check.violations.length > 0)).to.deep.equal([]);
      } finally {
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    } finally {
      await owner.close();
      await cluster.remove();
    }
  });
});

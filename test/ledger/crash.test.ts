// Crash safety: the service is killed with SIGKILL in the middle of a write load; after a
// restart every write it acknowledged is there, nothing half-written is, and verify passes.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../server/db/database.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { startServiceChild } from './support/service-child.js';

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
    await new Promise((resolve) => setTimeout(resolve, 1500));
    service.child.kill('SIGKILL');
    await service.exited;
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length, 'writes acknowledged before the kill').to.be.greaterThan(20);
    expect(failed, 'writes cut off by the kill').to.be.greaterThan(0);

    const restarted = await startServiceChild(env);
    try {
      const found = await queryRows<{ id: string }>(harness().sequelize, `SELECT id FROM ledger_transactions WHERE id = ANY($1::uuid[])`, [acknowledged]);
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
});

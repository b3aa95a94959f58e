// The bench's reading of the database server's CPU (bench/lib/cpu.ts): every backend that served
// a window counts, whichever pool it belongs to, and also when it connected and disconnected
// within the window.
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import pg from 'pg';
import { databaseCpuSeconds, postmasterOf } from '../../bench/lib/cpu.js';
import { queryRows } from '../../server/db/database.js';
import { harness } from '../support/harness.js';

// About 0.4 s of one backend's CPU on this machine; the windows ask for half of it.
const HEAVY = 'SELECT count(*) FROM generate_series(1, 3e6)';
const AT_LEAST_SECONDS = 0.2;

describe('bench: CPU of the database server', () => {
  let postmaster: number;

  before(async function () {
    const [backend] = await queryRows<{ pid: number }>(harness().sequelize, 'SELECT pg_backend_pid() AS pid');
    const found = postmasterOf(Number(backend?.pid));
    if (found === undefined) this.skip(); // a server on another machine: the bench cannot see its CPU either
    postmaster = found;
  });

  /** The database's CPU seconds while `work` runs (other test files' queries only add to it). */
  async function cpuOf(work: () => Promise<unknown>) {
    const start = databaseCpuSeconds(postmaster);
    await work();
    return databaseCpuSeconds(postmaster) - start;
  }

  it('when a hot single statement runs on the statement pool, then its backend CPU counts', async () => {
    const seconds = await cpuOf(() => queryRows(harness().sequelize, HEAVY));
    expect(seconds).to.be.at.least(AT_LEAST_SECONDS);
  });

  it('when a statement runs in a transaction on the Sequelize pool, then its backend CPU counts', async () => {
    const { sequelize } = harness();
    const seconds = await cpuOf(() => sequelize.transaction((transaction) => queryRows(sequelize, HEAVY, [], { transaction })));
    expect(seconds).to.be.at.least(AT_LEAST_SECONDS);
  });

  it('when a backend connects, works and is gone before the window ends, then its CPU still counts', async () => {
    const seconds = await cpuOf(async () => {
      const client = new pg.Client(process.env.TEST_DATABASE_URL);
      await client.connect();
      const [backend] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      await client.query(HEAVY);
      await client.end();
      // Reaped by the postmaster: no longer in /proc, so only the postmaster's cutime holds its CPU.
      for (let waited = 0; existsSync(`/proc/${backend?.pid}`); waited += 10) {
        if (waited > 5000) throw new Error(`backend ${backend?.pid} did not end`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    expect(seconds).to.be.at.least(AT_LEAST_SECONDS);
  });

  it('when a process is not a PostgreSQL backend, then it has no postmaster to read', () => {
    expect(postmasterOf(process.pid)).to.equal(undefined);
  });
});

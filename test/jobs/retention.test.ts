// The purge job: idempotency keys and job_runs rows past their retention are deleted, in bounded
// batches, by the service clock (never ahead of the database's), without waiting for a row a
// request holds. Each test writes its own rows, dated back from the database's clock, with a
// retention of 3 days: other suites' rows are minutes old, so this purge never touches them.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../server/db/database.js';
import { JOBS } from '../../server/jobs/job-registry.js';
import { purgeExpiredRecords } from '../../server/jobs/retention-job.js';
import { ConfigError } from '../../server/config.js';
import { buildHarness, testConfig, type Harness } from '../support/harness.js';

const DAY = 86_400_000;

describe('purging idempotency keys and job runs after their retention', () => {
  let h: Harness;
  before(() => {
    h = buildHarness({ IDEMPOTENCY_RETENTION_DAYS: '3', JOB_RUN_RETENTION_DAYS: '3' });
  });

  /** Keys of a scope of their own, answered (or not) `ageDays` before the database's clock. */
  const addKey = async (scope: string, ageDays: number, answered = true) => {
    const key = `age-${ageDays}-${randomUUID()}`;
    await queryRows(
      h.sequelize,
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, created_at)
       VALUES ($1, $2, 'hash', $3, now() - make_interval(secs => $4::float8 * 86400))`,
      [scope, key, answered ? 201 : null, ageDays],
    );
    return key;
  };
  const keysOf = async (scope: string) =>
    (await queryRows<{ key: string }>(h.sequelize, `SELECT key FROM idempotency_keys WHERE scope = $1 ORDER BY key`, [scope])).map(
      (row) => row.key,
    );
  const addRun = async (job: string, ageDays: number) => {
    await queryRows(
      h.sequelize,
      `INSERT INTO job_runs (job_name, started_at, finished_at, processed)
       VALUES ($1, now() - make_interval(secs => $2::float8 * 86400), now() - make_interval(secs => $2::float8 * 86400), 0)`,
      [job, ageDays],
    );
  };
  const runAges = async (job: string) =>
    (
      await queryRows<{ age: number }>(
        h.sequelize,
        `SELECT round(extract(epoch FROM now() - finished_at) / 86400)::int AS age FROM job_runs WHERE job_name = $1 ORDER BY 1`,
        [job],
      )
    ).map((row) => row.age);
  const purge = () => JOBS.find((job) => job.name === 'purge-expired-records')!.run(h.context, h.clock.now());

  it('when keys and runs are older than the retention, then the registered job deletes them and keeps the recent ones', async () => {
    const scope = `retention-${randomUUID()}`;
    const job = `retention-test-${randomUUID()}`;
    const recent = await addKey(scope, 1);
    await addKey(scope, 10);
    await addRun(job, 2);
    await addRun(job, 40);
    h.clock.set(new Date());
    expect(await purge()).to.be.at.least(2);
    expect(await keysOf(scope)).to.deep.equal([recent]);
    expect(await runAges(job)).to.deep.equal([2]);
  });

  it('when the service clock is moved, then the cutoff follows it back, but never ahead of the database clock', async () => {
    const scope = `retention-${randomUUID()}`;
    await addKey(scope, 10);
    const [fiveDays, twoDays] = [await addKey(scope, 5), await addKey(scope, 2)];
    h.clock.set(new Date(Date.now() - 4 * DAY)); // cutoff: 7 days ago
    await purge();
    expect(await keysOf(scope)).to.have.members([fiveDays, twoDays]);
    h.clock.set(new Date(Date.now() + 365 * DAY)); // ahead of the database: cutoff 3 days before the database's now
    await purge();
    expect(await keysOf(scope)).to.deep.equal([twoDays]);
  });

  it('when an old key holds only the domain outcome of a one-statement flow, then it is purged too', async () => {
    const scope = `retention-${randomUUID()}`;
    const recent = await addKey(scope, 1, false);
    await addKey(scope, 10, false);
    await queryRows(h.sequelize, `UPDATE idempotency_keys SET outcome = '{"result":"recorded"}' WHERE scope = $1`, [scope]);
    h.clock.set(new Date());
    await purge();
    expect(await keysOf(scope)).to.deep.equal([recent]);
  });

  it('when a key has no answer yet, then it is never purged, however old', async () => {
    const scope = `retention-${randomUUID()}`;
    const unanswered = await addKey(scope, 30, false);
    h.clock.set(new Date());
    await purge();
    expect(await keysOf(scope)).to.deep.equal([unanswered]);
  });

  it('when a request holds an old key, then the purge skips it without waiting and deletes it on a later run', async () => {
    const scope = `retention-${randomUUID()}`;
    const held = await addKey(scope, 10);
    h.clock.set(new Date());
    await h.sequelize.transaction(async (transaction) => {
      await queryRows(h.sequelize, `SELECT id FROM idempotency_keys WHERE scope = $1 FOR UPDATE`, [scope], { transaction });
      const purged = await Promise.race([purge().then(() => 'done'), new Promise((resolve) => setTimeout(() => resolve('waited'), 3000))]);
      expect(purged).to.equal('done');
      expect(await keysOf(scope)).to.deep.equal([held]);
    });
    await purge();
    expect(await keysOf(scope)).to.deep.equal([]);
  });

  it('when a retention is not a whole number of days from 1 to 3650, then the service refuses to start, naming the key', () => {
    for (const [key, value] of [
      ['IDEMPOTENCY_RETENTION_DAYS', '0'],
      ['JOB_RUN_RETENTION_DAYS', '1.5'],
      ['JOB_RUN_RETENTION_DAYS', 'forever'],
    ])
      expect(() => testConfig({ [key!]: value! }), `${key}=${value}`).to.throw(ConfigError, key);
  });

  it('when more rows are due than a run may take, then each statement deletes at most one batch and the run stops after its batches', async () => {
    const scope = `retention-${randomUUID()}`;
    for (let i = 0; i < 7; i++) await addKey(scope, 10 + i);
    h.clock.set(new Date());
    const limits = { batch: 2, batchesPerRun: 2 };
    // Other suites' keys are never due at a 3-day retention, so this run's count is this scope's.
    expect(await purgeExpiredRecords(h.context, h.clock.now(), limits)).to.equal(4);
    expect(await keysOf(scope)).to.have.length(3);
    expect(await purgeExpiredRecords(h.context, h.clock.now(), limits)).to.equal(3);
    expect(await keysOf(scope)).to.deep.equal([]);
  });
});

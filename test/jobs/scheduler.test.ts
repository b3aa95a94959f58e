import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import type { Job } from '../../server/jobs/job-registry.js';
import { runJobsOnce } from '../../server/jobs/job-runner.js';
import { startScheduler } from '../../server/jobs/scheduler.js';
import { harness } from '../support/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniqueName = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;

describe('jobs', () => {
  it('when the scheduler runs, then every job runs each tick with the clock, never overlapping, until stopped', async () => {
    const h = harness();
    h.clock.set('2031-05-04T08:00:00Z');
    let calls = 0;
    let running = 0;
    let overlapped = false;
    const seen: string[] = [];
    const slow: Job = {
      name: uniqueName('slow'),
      run: async (_app, now) => {
        calls += 1;
        running += 1;
        overlapped ||= running > 1;
        seen.push(now.toISOString());
        await sleep(40); // longer than the interval: a tick may not start while one runs
        running -= 1;
        return 1;
      },
    };
    const failing: Job = { name: uniqueName('failing'), run: async () => Promise.reject(new Error('boom')) };
    const stop = startScheduler(h.context, 0.01, [failing, slow]);
    while (calls < 3) await sleep(10);
    await stop();
    const after = calls;
    await sleep(80);
    expect(calls).to.equal(after);
    expect(overlapped).to.equal(false);
    expect(seen[0]).to.equal('2031-05-04T08:00:00.000Z');
    const runs = await queryRows<{ job_name: string; processed: number; error: string | null }>(
      h.sequelize,
      `SELECT job_name, processed, error FROM job_runs WHERE job_name = ANY($1::text[])`,
      [[slow.name, failing.name]],
    );
    expect(runs.filter((run) => run.job_name === slow.name)).to.have.length(after);
    expect(runs.filter((run) => run.job_name === failing.name).every((run) => run.error === 'boom')).to.equal(true);
  });

  it('when the jobs run once, then each reports what it processed and a failure does not stop the others', async () => {
    const h = harness();
    const results = await runJobsOnce(h.context, [
      { name: uniqueName('broken'), run: () => Promise.reject(new Error('nope')) },
      { name: uniqueName('two'), run: () => Promise.resolve(2) },
    ]);
    expect(results.map((result) => [result.processed, result.error])).to.deep.equal([
      [0, 'nope'],
      [2, null],
    ]);
  });

  it('when `npm run jobs` runs against a database, then it runs every registered job and prints what each did', function () {
    this.timeout(60_000);
    const run = spawnSync('npm', ['run', '-s', 'jobs'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/job\(s\) run at/);
    expect(run.stdout).to.match(/^[a-z-]+: \d+ processed$/m);
  });
});

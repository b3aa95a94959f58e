// Runs every registered job once, each on its own (one failing job does not stop the others),
// and records what each did in job_runs so operators can see the scheduler at work.
import type { AppContext } from '../app-context.js';
import { JOBS, type Job } from './job-registry.js';
import { recordJobRun } from './job-run-store.js';

export type JobResult = { name: string; processed: number; error: string | null };

export async function runJobsOnce(app: AppContext, jobs: readonly Job[] = JOBS): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) {
    const startedAt = new Date();
    let result: JobResult;
    try {
      result = { name: job.name, processed: await job.run(app, app.clock.now()), error: null };
    } catch (error) {
      app.logger.error({ err: error, job: job.name }, 'job failed');
      result = { name: job.name, processed: 0, error: error instanceof Error ? error.message : String(error) };
    }
    await recordJobRun(app.sequelize, { name: job.name, startedAt, processed: result.processed, error: result.error });
    results.push(result);
  }
  return results;
}

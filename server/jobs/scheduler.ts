// The in-process scheduler: every `intervalSeconds` it runs all registered jobs once. A tick
// starts only after the previous one finished, so it never overlaps itself; other instances
// may tick at the same time, which the jobs' SKIP LOCKED batches make safe.
import type { AppContext } from '../app-context.js';
import { JOBS, type Job } from './job-registry.js';
import { runJobsOnce } from './job-runner.js';

/** Starts ticking; the returned stop() cancels the next tick and waits for a running one. */
export function startScheduler(app: AppContext, intervalSeconds: number, jobs: readonly Job[] = JOBS): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const results = await runJobsOnce(app, jobs);
      const done = results.filter((result) => result.processed > 0 || result.error);
      if (done.length > 0) app.logger.info({ jobs: done }, 'scheduled jobs ran');
    } catch (error) {
      // e.g. the database is briefly unreachable: try again at the next tick
      app.logger.error({ err: error }, 'scheduler tick failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, intervalSeconds * 1000);
  };

  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

// Several HTTP processes on one port (node:cluster) when WORKERS > 1: one Node process is one
// core, and a request's JavaScript is most of its cost. The main process keeps what there must be
// one of (the embedded database, migrations, seeding, the scheduler); each worker connects to the
// database the main process opened and serves requests with its own pool. A worker that dies is
// replaced; on shutdown every worker drains its connections before the database stops. Workers
// are handed the main process's signing secret, which may be the data folder's generated one
// (signing-secret.ts): a token one process signs must pass in every other. The main process also
// gathers the workers' metrics for /metrics (operations/metrics-cluster.ts).
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { StartError } from './http/serve.js';
import { serveClusterMetrics } from './operations/metrics-cluster.js';

export type Workers = { stop: () => Promise<void> };

export async function startWorkers(
  count: number,
  shared: { databaseUrl: string; jwtSecret: string | undefined },
  logger: Logger,
): Promise<Workers> {
  let stopping = false;
  serveClusterMetrics();
  const fork = () => cluster.fork({ DATABASE_URL: shared.databaseUrl, ...(shared.jwtSecret ? { JWT_SECRET: shared.jwtSecret } : {}) });
  const stop = async () => {
    stopping = true;
    await Promise.all(Object.values(cluster.workers ?? {}).flatMap((worker) => (worker ? [stopWorker(worker)] : [])));
  };
  const started = await Promise.allSettled(Array.from({ length: count }, () => listening(fork())));
  if (started.some((result) => result.status === 'rejected')) {
    await stop();
    throw new StartError('An HTTP worker could not start (its reason is printed above).');
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'an HTTP worker died; starting another');
    fork();
  });
  return { stop };
}

function listening(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = () => reject(new Error(`worker ${worker.process.pid} exited before it listened`));
    worker.once('exit', failed);
    worker.once('listening', () => {
      worker.off('exit', failed);
      resolve();
    });
  });
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    worker.once('exit', () => resolve());
    worker.process.kill('SIGTERM');
  });
}

// The service as its own process (as in production), on the bench database, so its peak memory
// (VmHWM) is its own and HTTP is measured through a real socket. SERVICE_ENV is how it is
// configured; the bench loads the same config to mint tokens the service accepts.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadConfig, type Config } from '../../server/config.js';
import { freePort } from '../../test/support/global-setup.js';

export type ServiceProcess = {
  baseUrl: string;
  child: ChildProcess;
  config: Config;
  /** The main process and its HTTP workers. */
  pids: () => number[];
  peakMemoryMb: () => number;
  stop: () => Promise<void>;
};

/**
 * Production-like: request logs at info (to /dev/null here), no demo data, the scheduler on, the
 * default pool, and one HTTP worker per core (BENCH_WORKERS to change it).
 */
const SERVICE_ENV = {
  NODE_ENV: 'development',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'info',
  WORKERS: process.env.BENCH_WORKERS ?? String(availableParallelism()),
  JWT_SECRET: 'bench-only-secret-bench-only-secret-0123',
  JWT_TTL_SECONDS: '7200',
  PAYMENT_WEBHOOK_SECRET: 'bench-only-webhook-secret',
};

export async function startService(databaseUrl: string): Promise<ServiceProcess> {
  const port = await freePort();
  const env = { ...SERVICE_ENV, DATABASE_URL: databaseUrl, PORT: String(port) };
  // BENCH_PROFILE_DIR=<folder>: the service writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error('the service exited during start-up');
    if (waited > 60_000) throw new Error('the service did not start within 60 s');
    const ok = await fetch(`${baseUrl}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    child,
    config: loadConfig(env),
    pids: () => serviceProcesses(child.pid ?? 0),
    peakMemoryMb: () => serviceProcesses(child.pid ?? 0).reduce((sum, pid) => sum + peakOf(pid), 0),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The peak resident memory (VmHWM) of one process, in MB. */
function peakOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** The main process and its cluster workers (its node children; tsx's esbuild helper is not the service). */
function serviceProcesses(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  const nodes = children
    ? children
        .split(/\s+/)
        .map(Number)
        .filter((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node')
    : [];
  return [pid, ...nodes];
}

// The real service as `npm start` runs it (no DATABASE_URL: its own embedded PostgreSQL in a
// data folder), as a child process, for tests about processes: tools attaching to its database,
// the database dying under it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type EmbeddedService = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

export function serviceEnv(dataDir: string, pgPort: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', NODE_ENV: 'test', SEED_DEMO: 'false', ...extra };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  return env;
}

/** Starts the service and resolves once /health answers 200. */
export async function startEmbeddedService(dataDir: string, pgPort: number, port: number, extra: NodeJS.ProcessEnv = {}): Promise<EmbeddedService> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: serviceEnv(dataDir, pgPort, { PORT: String(port), ...extra }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/health`).then((res) => res.ok, () => false)) return { child, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not answer /health within 30 s:\n${output}`);
}

/** The pid of the PostgreSQL running on `dataDir`, or undefined. */
export function postmasterPid(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

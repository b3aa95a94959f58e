// The real service as `npm start` runs it (no DATABASE_URL: its own embedded PostgreSQL in a
// data folder), as a child process, for tests about processes: tools attaching to its database,
// the database dying under it, PostgreSQL itself killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres.js';
import { APP_ROLE, ensureEmbeddedRoles, OWNER_ROLE, roleSecrets, roleUrl } from '../../server/db/embedded-roles.js';
import { freePort, portTaken } from './global-setup.js';

/** `port`: the HTTP port it serves on (another than the one asked for when that was taken meanwhile). */
export type EmbeddedService = { child: ChildProcess; output: () => string; exited: Promise<number | null>; port: number };

export function serviceEnv(dataDir: string, pgPort: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  return env;
}

/** Starts the service on `dataDir`'s embedded database and resolves once /health answers 200. */
export function startEmbeddedService(
  dataDir: string,
  pgPort: number,
  port: number,
  extra: NodeJS.ProcessEnv = {},
): Promise<EmbeddedService> {
  return startServiceProcess(serviceEnv(dataDir, pgPort, { PORT: String(port), ...extra }), port);
}

/**
 * Starts `server/main.ts` with exactly `env` and resolves once /health answers 200 on `port`. When the
 * port was taken between finding it free and the child binding it, starts again on a new one.
 */
export async function startServiceProcess(env: NodeJS.ProcessEnv, port: number): Promise<EmbeddedService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ ...env, PORT: String(port) }, port);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 5) throw error;
      port = await freePort();
    }
  }
}

class PortTaken extends Error {}

async function startOnce(env: NodeJS.ProcessEnv, port: number): Promise<EmbeddedService> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const closed = new Promise((resolve) => child.once('close', resolve)); // its output read to the end
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (child.exitCode !== null) {
      await closed;
      throw new (portTaken(output) ? PortTaken : Error)(`service exited early:\n${output}`);
    }
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return { child, output: () => output, exited, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not answer /health within 30 s:\n${output}`);
}

export type TestCluster = {
  dir: string;
  appUrl: string;
  ownerUrl: string;
  superuserUrl: string;
  /** The postmaster's pid (changes after `restart`). */
  pid: () => number;
  /** Starts PostgreSQL again on the same folder (after it was killed: crash recovery runs). */
  restart: () => Promise<void>;
  /** Stops PostgreSQL (if it runs) and removes the folder. */
  remove: () => Promise<void>;
};

/** A PostgreSQL of its own, in a temp folder, with the service's owner and app roles. */
export async function startTestCluster(flags: string[]): Promise<TestCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'learning-accounts-cluster-'));
  chmodSync(root, 0o755); // the server runs as the `postgres` user when we are root
  const [dir, port, database] = [path.join(root, 'pg'), await freePort(), 'learning_accounts'];
  const secrets = roleSecrets(dir);
  const start = () => startEmbeddedPostgres({ dir, port, database, password: secrets.superuser, flags });
  let server = await start();
  await ensureEmbeddedRoles(server.url, database, secrets);
  return {
    dir,
    superuserUrl: server.url,
    ownerUrl: roleUrl(OWNER_ROLE, secrets.owner, port, database),
    appUrl: roleUrl(APP_ROLE, secrets.app, port, database),
    pid: () => server.pid ?? 0,
    restart: async () => {
      // Backends orphaned by a killed postmaster hold its shared memory until they notice and exit.
      for (let waited = 0; waited < 10_000 && postmasterPid(dir) !== undefined; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      server = await start();
    },
    remove: async () => {
      if (postmasterPid(dir) !== undefined) await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
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

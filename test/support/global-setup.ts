// One throw-away PostgreSQL per test run: the embedded server in a temp folder on a free port,
// or TEST_DATABASE_URL when given (e.g. the machine's PostgreSQL 15; TEST_DATABASE_OWNER_URL
// then names the schema's owner). Like the service, the app runs as the app role
// (TEST_DATABASE_URL), so the suite proves its grants are enough; the owner migrates, and tests
// that play an attacker with full powers use TEST_DATABASE_SUPERUSER_URL. Migrations and
// reference data are applied once; every test creates its own records.
import { randomInt } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/db/embedded-postgres.js';
import { fastCheckSeed } from './fast-check-seed.js';
import { APP_ROLE, ensureEmbeddedRoles, OWNER_ROLE, roleSecrets, roleUrl } from '../../server/db/embedded-roles.js';

let embedded: EmbeddedDatabase | undefined;
let dataDir: string | undefined;

/**
 * A port nothing listens on, for a child process to bind. Picked below the kernel's ephemeral
 * range: outgoing connections (hundreds to PostgreSQL under --parallel) take their local ports from
 * that range, and one could take a port found free there before the child binds it. Two test
 * processes may still pick the same port: the helpers that start children retry on a new one
 * when told it is taken (`startServiceProcess`, `startServiceChild`).
 */
export async function freePort(): Promise<number> {
  const floor = ephemeralFloor();
  for (;;) {
    const port = floor > 11_024 ? randomInt(10_024, floor) : 0; // 0: the kernel picks (a tiny ephemeral range is configured)
    const bound = await canListen(port);
    if (bound !== undefined) return bound;
  }
}

function ephemeralFloor(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/** The port listened on (then closed again), or undefined when it is in use. */
function canListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** Whether a child's output says that a port it was given was taken (by the time it bound it). */
export const portTaken = (output: string) => /already in use/i.test(output);

export async function mochaGlobalSetup() {
  // Drawn once here, so under --parallel every worker property-tests with the same seed.
  process.env.FC_SEED = String(fastCheckSeed());
  if (!process.env.TEST_DATABASE_URL) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'learning-accounts-test-'));
    chmodSync(dataDir, 0o755); // the server runs as the `postgres` user when we are root
    const dir = path.join(dataDir, 'pg');
    const [port, database, secrets] = [await freePort(), 'learning_accounts_test', roleSecrets(dir)];
    embedded = await startEmbeddedPostgres({
      dir,
      port,
      database,
      password: secrets.superuser,
      // A throw-away cluster needs no crash safety; this only makes the suite faster.
      flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    });
    await ensureEmbeddedRoles(embedded.url, database, secrets);
    process.env.TEST_DATABASE_SUPERUSER_URL = embedded.url;
    process.env.TEST_DATABASE_OWNER_URL = roleUrl(OWNER_ROLE, secrets.owner, port, database);
    process.env.TEST_DATABASE_URL = roleUrl(APP_ROLE, secrets.app, port, database);
  }
  const { prepareTestDatabase } = await import('./harness.js');
  await prepareTestDatabase();
}

export async function mochaGlobalTeardown() {
  const { closeHarness } = await import('./harness.js');
  await closeHarness();
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

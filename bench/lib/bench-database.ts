// One PostgreSQL for the whole bench run, so pgbench and the service are measured on the same
// instance with the same settings: a fresh embedded server in a temp folder, or the server of
// BENCH_DATABASE_URL. Either way the bench makes its own two databases there (and drops them
// after), so a run never meets data of an earlier one.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres.js';
import { freePort } from '../../test/support/global-setup.js';
import { postmasterOf } from './cpu.js';

export type BenchDatabase = {
  url: string;
  pgbenchUrl: string;
  /** The server's postmaster, when it runs on this machine: its CPU is read from there (cpu.ts). */
  postmasterPid: number | undefined;
  stop: () => Promise<void>;
  describe: string;
};

const SERVICE_DB = 'learning_accounts_bench';
const PGBENCH_DB = 'bench_pgbench';

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const { url, pgbenchUrl } = { url: await createDatabase(given, SERVICE_DB), pgbenchUrl: await createDatabase(given, PGBENCH_DB) };
    return {
      url,
      pgbenchUrl,
      postmasterPid: await localPostmaster(given),
      describe: `the server of BENCH_DATABASE_URL`,
      stop: () => dropDatabases(given),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'learning-accounts-bench-'));
  chmodSync(dir, 0o755); // the server runs as the `postgres` user when we are root
  const server = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    port: await freePort(),
    database: 'postgres',
    flags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB'],
  });
  return {
    url: await createDatabase(server.url, SERVICE_DB),
    pgbenchUrl: await createDatabase(server.url, PGBENCH_DB),
    postmasterPid: server.pid,
    describe: 'embedded PostgreSQL 18 (defaults but shared_buffers=256MB, max_connections=300; fsync and synchronous_commit on)',
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin(url: string, work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(url: string, name: string) {
  await withAdmin(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const sibling = new URL(url);
  sibling.pathname = `/${name}`;
  return sibling.toString();
}

async function localPostmaster(url: string) {
  let backend = 0;
  await withAdmin(url, async (client) => {
    backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  });
  return postmasterOf(backend);
}

const dropDatabases = (url: string) =>
  withAdmin(url, async (client) => {
    for (const name of [SERVICE_DB, PGBENCH_DB]) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

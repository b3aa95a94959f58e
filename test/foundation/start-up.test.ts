// Starts the real service as `npm start` does (no DATABASE_URL: embedded PostgreSQL in a data
// folder), from an empty folder, again from the existing one, after a SIGKILL left the database
// server orphaned, and on a port that is already taken.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE, roleSecrets, roleUrl, secretsFileOf } from '../../server/db/embedded-roles.js';
import { freePort, portTaken } from '../support/global-setup.js';

type Started = { child: ChildProcess; output: () => string; port: number };

function spawnService(dataDir: string, pgPort: number, port: number, extra: NodeJS.ProcessEnv = {}): Started {
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    ...extra,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, port };
}

/** Started and answering /health; on a new port when another process took `port` before the child bound it. */
async function startService(dataDir: string, pgPort: number, port: number, extra: NodeJS.ProcessEnv = {}): Promise<Started> {
  for (let attempt = 1; ; attempt++) {
    const started = spawnService(dataDir, pgPort, port, extra);
    const answering = await answers(started);
    if (answering) return started;
    if (!portTaken(started.output()) || attempt === 5) throw new Error(`service exited early:\n${started.output()}`);
    port = await freePort();
  }
}

/** Whether it answers /health (false: it exited first, its output read to the end). */
async function answers({ child, output, port }: Started): Promise<boolean> {
  const closed = new Promise((resolve) => child.once('close', resolve));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return closed.then(() => false);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not answer /health within 30 s:\n${output()}`);
}

/** Row counts of every table, read from the service's own embedded database while it runs. */
async function rowCounts(dataDir: string, pgPort: number) {
  const client = new pg.Client(roleUrl('postgres', roleSecrets(dataDir).superuser, pgPort, 'learning_accounts'));
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'login_attempts') ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

/** The roles of the sessions the service holds open on its database (its pool's idle connections). */
async function serverRoles(dataDir: string, pgPort: number) {
  const client = new pg.Client(roleUrl('postgres', roleSecrets(dataDir).superuser, pgPort, 'learning_accounts'));
  await client.connect();
  try {
    const rows = await client.query<{ role: string }>(
      `SELECT DISTINCT usename AS role FROM pg_stat_activity WHERE datname = 'learning_accounts' AND pid <> pg_backend_pid() AND usename IS NOT NULL`,
    );
    return rows.rows.map((row) => row.role);
  } finally {
    await client.end();
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

function postmasterAlive(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
}

describe('start-up with the embedded database', function () {
  this.timeout(120_000);
  let root: string;
  let dataDir: string;
  let pgPort: number;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'learning-accounts-start-'));
    chmodSync(root, 0o755);
    dataDir = path.join(root, 'pg');
    pgPort = await freePort();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  let seeded: Record<string, number>;

  it('when the data folder is empty, then it creates the database, migrates, seeds, prints the demo logins and serves', async () => {
    const service = await startService(dataDir, pgPort, await freePort());
    const { port } = service;
    seeded = await rowCounts(dataDir, pgPort);
    // The roles' passwords are random and readable by this OS user only; serving connections are the app role's.
    expect(statSync(secretsFileOf(dataDir)).mode & 0o777).to.equal(0o600);
    expect(roleSecrets(dataDir).superuser).to.not.equal('postgres');
    expect(await serverRoles(dataDir, pgPort))
      .to.include(APP_ROLE)
      .and.not.include('postgres');
    expect(seeded.users).to.be.greaterThan(2);
    // LBC and ITA (reference data), CPA and SFC (demo programmes opened by configuration).
    expect(seeded.programmes).to.equal(4);
    expect(service.output()).to.include(`http://127.0.0.1:${port}`).and.include('admin@demo.test');
    // HOST defaults to loopback: the machine's other addresses do not answer.
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) {
      const reached = await fetch(`http://${outside.address}:${port}/health`).then(
        () => true,
        () => false,
      );
      expect(reached, `reached on ${outside.address}`).to.equal(false);
    }
    const token = await fetch(`http://127.0.0.1:${port}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }),
    });
    expect(token.status).to.equal(200);
    // That sign-in is recorded (sign_ins): a restart must keep everything up to here and add nothing.
    seeded = await rowCounts(dataDir, pgPort);
    service.child.kill('SIGTERM');
    expect(await exited(service.child)).to.equal(0);
    expect(postmasterAlive(dataDir)).to.equal(false);
  });

  it('when the data folder exists, then it reuses the data without duplicating the seed', async () => {
    const service = await startService(dataDir, pgPort, await freePort());
    expect(await rowCounts(dataDir, pgPort)).to.deep.equal(seeded);
    service.child.kill('SIGINT');
    expect(await exited(service.child)).to.equal(0);
  });

  it('when an earlier run was killed and left PostgreSQL running, then the next start stops it and starts cleanly', async () => {
    const killed = await startService(dataDir, pgPort, await freePort());
    killed.child.kill('SIGKILL');
    await exited(killed.child);
    expect(postmasterAlive(dataDir)).to.equal(true);
    const service = await startService(dataDir, pgPort, await freePort());
    service.child.kill('SIGTERM');
    expect(await exited(service.child)).to.equal(0);
  });

  it('when WORKERS=2, then two worker processes serve the port, and SIGTERM stops them, the main process and the database', async () => {
    const service = await startService(dataDir, pgPort, await freePort(), { WORKERS: '2' });
    const { port } = service;
    // A worker may answer /health a moment before the main process prints that all are listening.
    for (let waited = 0; !service.output().includes('with 2 HTTP workers') && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.output()).to.include('with 2 HTTP workers');
    const workers = readFileSync(`/proc/${service.child.pid}/task/${service.child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
      .filter((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node');
    expect(workers).to.have.length(2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/health`).then((res) => res.status)));
    expect(answers).to.deep.equal(Array(8).fill(200));
    service.child.kill('SIGTERM');
    expect(await exited(service.child)).to.equal(0);
    expect(workers.filter((pid) => existsSync(`/proc/${pid}`))).to.deep.equal([]);
    expect(postmasterAlive(dataDir)).to.equal(false);
  });

  it('when the port is already taken, then it says so in one line naming the port, stops its database and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const service = spawnService(dataDir, pgPort, port);
      expect(await exited(service.child), service.output()).to.equal(1);
      expect(service.output()).to.include(`Cannot listen on port ${port}: it is already in use.`);
      expect(service.output()).to.not.match(/^\s+at /m); // a message, not a stack
      expect(service.output()).to.not.include('is listening on');
      expect(postmasterAlive(dataDir)).to.equal(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

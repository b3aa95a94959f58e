// pgbench's TPC-B-like transaction on the bench database: the ceiling a ledger write can approach.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export function findPgbench(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(`${execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()}/pgbench`);
  } catch {
    // pg_config is not installed
  }
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(`/usr/lib/postgresql/${version}/bin/pgbench`);
  }
  candidates.push('/usr/bin/pgbench');
  return candidates.find((path) => existsSync(path));
}

export function initialisePgbench(pgbench: string, url: string, scale: number) {
  const result = spawnSync(pgbench, ['-i', '-q', '-s', String(scale), url], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pgbench -i failed: ${result.stderr}`);
}

export function runPgbench(pgbench: string, url: string, clients: number, seconds: number) {
  const result = spawnSync(pgbench, ['-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), url], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}`);
  const tps = /tps = ([\d.]+)/.exec(result.stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(result.stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${result.stdout}`);
  return { tps: Number(tps), latencyAverageMs: Number(latency) };
}

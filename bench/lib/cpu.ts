// Where a load's CPU went: the service's processes, the database server's and the bench's own,
// read from /proc at the start and the end of the measured window. On a shared machine the
// throughput moves with the neighbours; CPU per operation moves much less, and says which side
// a change made cheaper.
import { readdirSync, readFileSync } from 'node:fs';

export type CpuSplit = { service: number; database: number; bench: number };
/** Starts a measurement; the function it returns ends it with CPU seconds per side. */
export type CpuProbe = () => () => CpuSplit;

const TICKS_PER_SECOND = 100; // USER_HZ, the unit of utime and stime in /proc/<pid>/stat

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process ended in between
  }
}

/** Processes named `postgres` (the embedded server and its backends; a remote server is not seen). */
function databasePids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/**
 * CPU seconds of the processes alive at the end since the start (all of it for one born in
 * between). A process that ended in between is not counted: what it used cannot be read.
 */
function since(start: Map<number, number>, pids: number[]): number {
  return pids.reduce((total, pid) => total + ticksOf(pid) - (start.get(pid) ?? 0), 0) / TICKS_PER_SECOND;
}

const snapshot = (pids: number[]) => new Map(pids.map((pid) => [pid, ticksOf(pid)]));

export function cpuProbe(servicePids: () => number[]): CpuProbe {
  const bench = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  return () => {
    const start = { service: snapshot(servicePids()), database: snapshot(databasePids()), bench: bench() };
    return () => ({
      service: since(start.service, servicePids()),
      database: since(start.database, databasePids()),
      bench: bench() - start.bench,
    });
  };
}

// Where a load's CPU went: the service's processes, the database server's and the bench's own,
// read from /proc at the start and the end of the measured window. On a shared machine the
// throughput moves with the neighbours; CPU per operation moves much less, and says which side
// a change made cheaper.
import { readFileSync } from 'node:fs';

export type CpuSplit = { service: number; database: number; bench: number };
/** Starts a measurement; the function it returns ends it with CPU seconds per side. */
export type CpuProbe = () => () => CpuSplit;

const TICKS_PER_SECOND = 100; // USER_HZ, the unit of utime and stime in /proc/<pid>/stat

/** The fields of /proc/<pid>/stat from the third (state) on: ppid is [1], utime [11], stime [12], cutime [13], cstime [14]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended in between
  }
}

function ticksOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

/**
 * The postmaster of the server a backend belongs to (the backend's parent), when that server runs
 * on this machine: the bench passes the pid of a connection of its own (SELECT pg_backend_pid()).
 * Undefined for a server elsewhere, whose CPU the bench cannot see.
 */
export function postmasterOf(backendPid: number): number | undefined {
  const parent = Number(statFields(backendPid)?.[1]);
  try {
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() === 'postgres' ? parent : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a PostgreSQL server has used so far: the postmaster, every live child (the
 * backends of every pool, also those born since the last reading, and the background
 * processes), and every child that has already ended, which the kernel adds to the postmaster's
 * cutime and cstime when it reaps it. Read from the postmaster's children only, so a neighbour's
 * server on the same machine is not counted, and a backend that served a window and
 * disconnected within it still is. The postmaster is read first: a child that ends before it is
 * read is then missing from both readings, never counted twice.
 */
export function databaseCpuSeconds(postmasterPid: number): number {
  const own = statFields(postmasterPid);
  if (!own) throw new Error(`the database server (postmaster ${postmasterPid}) is gone`);
  const reaped = [11, 12, 13, 14].reduce((total, field) => total + Number(own[field]), 0);
  const children = readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8').trim();
  const live = children ? children.split(' ').reduce((total, child) => total + ticksOf(Number(child)), 0) : 0;
  return (reaped + live) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of the processes alive at the end since the start (all of it for one born in
 * between). A process that ended in between is not counted: what it used cannot be read.
 */
function since(start: Map<number, number>, pids: number[]): number {
  return pids.reduce((total, pid) => total + ticksOf(pid) - (start.get(pid) ?? 0), 0) / TICKS_PER_SECOND;
}

const snapshot = (pids: number[]) => new Map(pids.map((pid) => [pid, ticksOf(pid)]));

/** A probe of the service's processes and, when the server runs on this machine, the database server's (NaN otherwise). */
export function cpuProbe(servicePids: () => number[], postmasterPid: number | undefined): CpuProbe {
  const database = () => (postmasterPid === undefined ? NaN : databaseCpuSeconds(postmasterPid));
  const bench = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  return () => {
    const start = { service: snapshot(servicePids()), database: database(), bench: bench() };
    return () => ({
      service: since(start.service, servicePids()),
      database: database() - start.database,
      bench: bench() - start.bench,
    });
  };
}

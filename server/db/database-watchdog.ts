// While the database is away every request answers 503 (server/http/problem.ts); this decides
// when away is for good. An embedded PostgreSQL whose process is gone will not come back by
// itself, and an external one unreachable for `downExitSeconds` may need the service restarted
// (new address, exhausted connections): either way the service exits 1 so its supervisor acts.
import type { Sequelize } from 'sequelize';
import { queryRows } from './database.js';

export type Watchdog = { stop: () => void };

type WatchOptions = {
  sequelize: Sequelize;
  serverPid: number | undefined;
  downExitSeconds: number;
  onDown: (reason: string) => void;
  intervalMs?: number;
};

export function watchDatabase({ sequelize, serverPid, downExitSeconds, onDown, intervalMs = 1000 }: WatchOptions): Watchdog {
  let downSince: number | undefined;
  let checking = false;
  let fired = false;
  const fire = (reason: string) => {
    if (fired) return;
    fired = true;
    clearInterval(timer);
    onDown(reason);
  };
  const check = async () => {
    if (checking || fired) return;
    checking = true;
    try {
      if (serverPid !== undefined && !isAlive(serverPid)) return fire(`the embedded PostgreSQL (pid ${serverPid}) has exited`);
      const answered = await Promise.race([
        queryRows(sequelize, 'SELECT 1').then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), intervalMs * 2).unref()),
      ]);
      downSince = answered ? undefined : (downSince ?? Date.now());
      if (downSince !== undefined && Date.now() - downSince >= downExitSeconds * 1000) {
        fire(`the database has not answered for ${downExitSeconds} s`);
      }
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the server runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The anchor: pgbench's TPC-B-like transaction on the same PostgreSQL instance.
import { fmt, type Section } from '../lib/context.js';
import { findPgbench, initialisePgbench, runPgbench } from '../lib/pgbench.js';

export const pgbenchSection: Section = {
  name: 'pgbench',
  run: async (context) => {
    const pgbench = findPgbench();
    if (!pgbench) {
      context.print('  pgbench is MISSING (install the PostgreSQL client tools, e.g. Debian postgresql-client): no ratios can be printed');
      return;
    }
    initialisePgbench(pgbench, context.db.pgbenchUrl, 10);
    for (const clients of context.clientCounts) {
      await context.settle();
      const result = runPgbench(pgbench, context.db.pgbenchUrl, clients, context.seconds);
      context.figures.set(`pgbench_tps@${clients}`, result.tps);
      context.print(
        `  clients=${String(clients).padStart(2)}  pgbench_tps=${fmt(result.tps)}  latency_avg=${fmt(result.latencyAverageMs, 1)}ms  (TPC-B-like, scale 10, prepared)`,
      );
    }
  },
};

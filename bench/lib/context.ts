// What every bench section gets: the shared database, the service process, a connection of the
// bench's own (for set-up and the ledger module), an HTTP client, the client counts, and a
// place to record figures so later sections can print ratios against earlier ones.
import { availableParallelism } from 'node:os';
import type { Sequelize } from 'sequelize';
import type { BenchDatabase } from './bench-database.js';
import type { CpuProbe, CpuSplit } from './cpu.js';
import type { HttpClient } from './http-client.js';
import type { LoadResult } from './load.js';
import type { ServiceProcess } from './service-process.js';

export type BenchContext = {
  db: BenchDatabase;
  service: ServiceProcess;
  sequelize: Sequelize;
  http: HttpClient;
  today: string;
  clientCounts: number[];
  seconds: number;
  /** CPU per side (service, database, bench) over a load's measured window. */
  cpu: CpuProbe;
  /**
   * VACUUM (ANALYZE) and CHECKPOINT before a measurement, so no load pays for the writes of the
   * set-up or of the section before it: each starts as pgbench does.
   */
  settle: () => Promise<void>;
  /** Figures by name, e.g. figures.get('pgbench_tps@32'). */
  figures: Map<string, number>;
  print: (line: string) => void;
};

export type Section = { name: string; run: (context: BenchContext) => Promise<void> };

export const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** One line per client count: tps, latency and, when pgbench ran, the ratio to it. */
export function printLoad(context: BenchContext, label: string, result: LoadResult) {
  context.figures.set(`${label}@${result.clients}`, result.tps);
  // Ratios to pgbench are the targets of the value-moving loads (names ending in _tps).
  const pgbench = label.endsWith('_tps') ? context.figures.get(`pgbench_tps@${result.clients}`) : undefined;
  const ratio = pgbench ? `  ${label.replace('_tps', '')}/pgbench=${fmt(result.tps / pgbench, 2)}` : '';
  const cpu = result.cpuMsPerOperation;
  const split = cpu ? `  cpu/op: ${cpuText(cpu)}` : '';
  context.print(
    `  clients=${String(result.clients).padStart(2)}  ${label}=${fmt(result.tps)}  p50=${fmt(result.p50, 1)}ms  p99=${fmt(result.p99, 1)}ms  failures=${result.failures}${ratio}${split}`,
  );
  if (cpu) context.print(`    ${cpuBound(cpu, result.clients)}`);
}

/** CPU milliseconds of one operation, per side. */
export const cpuText = (cpu: CpuSplit) => `service=${fmt(cpu.service, 2)}ms db=${fmt(cpu.database, 2)}ms bench=${fmt(cpu.bench, 2)}ms`;

/**
 * What the CPU an operation costs allows on this machine, every core busy: the most operations
 * a second, and so (Little's law, for clients that send again as soon as they are answered) the
 * least mean latency at this many clients. A latency target below that floor cannot be met
 * without making the operation cheaper.
 */
export function cpuBound(cpu: CpuSplit, clients: number): string {
  const cores = availableParallelism();
  const perOperation = cpu.service + cpu.database + cpu.bench;
  const ceiling = (cores * 1000) / perOperation;
  return `bound: ${cores} cores / ${fmt(perOperation, 2)}ms CPU per op = at most ${fmt(ceiling)}/s, so ${clients} clients wait ${fmt((clients / ceiling) * 1000, 1)}ms on average at the least`;
}

// A closed-loop load generator: `clients` workers each run `operation` back to back for
// `seconds`, after a short warm-up. Reports throughput, latency percentiles and, given a probe,
// the CPU milliseconds each operation cost the service, the database and the bench itself.
import type { CpuProbe, CpuSplit } from './cpu.js';

export type LoadResult = {
  clients: number;
  operations: number;
  failures: number;
  tps: number;
  p50: number;
  p99: number;
  seconds: number;
  cpuMsPerOperation?: CpuSplit;
};

export async function runLoad(
  clients: number,
  seconds: number,
  operation: (client: number, iteration: number) => Promise<boolean>,
  options: { warmupSeconds?: number; cpu?: CpuProbe; settle?: () => Promise<void> } = {},
): Promise<LoadResult> {
  await options.settle?.();
  const warmupSeconds = options.warmupSeconds ?? 1;
  const latencies: number[] = [];
  let failures = 0;
  const warmupEnds = performance.now() + warmupSeconds * 1000;
  const ends = warmupEnds + seconds * 1000;
  const worker = async (client: number) => {
    for (let iteration = 0; ; iteration++) {
      const started = performance.now();
      if (started >= ends) return;
      const ok = await operation(client, iteration).catch(() => false);
      const finished = performance.now();
      if (started < warmupEnds) continue;
      if (ok) latencies.push(finished - started);
      else failures++;
    }
  };
  let stopCpu: (() => CpuSplit) | undefined;
  const startCpu = setTimeout(() => (stopCpu = options.cpu?.()), warmupSeconds * 1000);
  await Promise.all(Array.from({ length: clients }, (_, client) => worker(client)));
  clearTimeout(startCpu);
  const result = summarise(clients, latencies, failures, seconds);
  const cpu = stopCpu?.();
  if (!cpu || result.operations === 0) return result;
  const perOperation = (cpuSeconds: number) => (cpuSeconds * 1000) / result.operations;
  return {
    ...result,
    cpuMsPerOperation: { service: perOperation(cpu.service), database: perOperation(cpu.database), bench: perOperation(cpu.bench) },
  };
}

export function summarise(clients: number, latencies: number[], failures: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { clients, operations: sorted.length, failures, tps: sorted.length / seconds, p50: at(0.5), p99: at(0.99), seconds };
}

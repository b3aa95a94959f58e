// `npm run bench`: every figure measured side by side in one run, on one PostgreSQL instance.
// BENCH_SECONDS (default 10) per measurement, BENCH_CLIENTS (default 8,32,64), BENCH_ONLY to run
// some sections (comma-separated names; pgbench always runs first when ratios are wanted).
import { connectDatabase } from '../server/db/database.js';
import { formatReport, verifyLedger } from '../server/ledger/ledger-verify.js';
import { startBenchDatabase } from './lib/bench-database.js';
import { fmt, type BenchContext, type Section } from './lib/context.js';
import { cpuProbe } from './lib/cpu.js';
import { settle } from './lib/settle.js';
import { httpClient } from './lib/http-client.js';
import { startService } from './lib/service-process.js';
import { hotAccountSection, ledgerSection } from './sections/ledger.js';
import { eligibilitySection } from './sections/eligibility.js';
import { httpSessionsSection } from './sections/http-sessions.js';
import { itaBurstSection } from './sections/ita-burst.js';
import { lotterySection } from './sections/lottery.js';
import { accountsSection } from './sections/accounts.js';
import { pgbenchSection } from './sections/pgbench.js';
import { portalSection } from './sections/portal.js';
import { simulationSection } from './sections/simulation.js';

const SECTIONS: Section[] = [
  pgbenchSection,
  ledgerSection,
  hotAccountSection,
  httpSessionsSection,
  eligibilitySection,
  simulationSection,
  itaBurstSection,
  lotterySection,
  accountsSection,
  portalSection,
];

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const clientCounts = (process.env.BENCH_CLIENTS ?? '8,32,64').split(',').map(Number);
  const only = process.env.BENCH_ONLY?.split(',');
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const db = await startBenchDatabase();
  print(`Learning Accounts benchmark: ${db.describe}; ${seconds}s per measurement; clients ${clientCounts.join(', ')}`);
  const service = await startService(db.url);
  const database = connectDatabase(db.url, Math.max(...clientCounts) + 4);
  const http = httpClient(service.baseUrl, Math.max(...clientCounts, 64));
  const today = new Date().toISOString().slice(0, 10);
  const context: BenchContext = {
    db,
    service,
    sequelize: database.sequelize,
    http,
    today,
    clientCounts,
    seconds,
    cpu: cpuProbe(service.pids, db.postmasterPid),
    settle: () => settle(database.sequelize),
    figures: new Map(),
    print,
  };
  try {
    for (const section of SECTIONS) {
      if (only && section.name !== 'pgbench' && !only.includes(section.name)) continue;
      print(`\n== ${section.name}`);
      await section.run(context);
      print(`  service peak memory so far (VmHWM, main process + workers): ${fmt(service.peakMemoryMb(), 1)} MB`);
    }
    const report = await verifyLedger(database.sequelize);
    print(`\n== ledger verification after the run\n${formatReport(report)}`);
    if (!report.ok) process.exitCode = 1;
  } finally {
    http.close();
    await database.close();
    await service.stop();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

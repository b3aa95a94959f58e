// `npm run jobs`: runs every scheduled job once against DATABASE_URL (or the project's embedded
// database, the running service's when there is one), after migrating as the owner, and prints
// what each did. Jobs run as the app role, as the scheduler's do. Exits 1 if a job failed.
import { pino } from 'pino';
import { systemClock } from '../app-context.js';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrator.js';
import { openDatabase } from '../db/open-database.js';
import { JOBS } from '../jobs/job-registry.js';
import { runJobsOnce } from '../jobs/job-runner.js';

async function run(): Promise<boolean> {
  const config = loadConfig();
  const logger = pino({ level: 'warn' });
  const database = await openDatabase(config, logger, { attach: true });
  try {
    await database.asOwner(migrate);
    const results = await runJobsOnce({ sequelize: database.sequelize, config, clock: systemClock, logger });
    for (const result of results) {
      process.stdout.write(`${result.name}: ${result.error ? `failed: ${result.error}` : `${result.processed} processed`}\n`);
    }
    process.stdout.write(`${JOBS.length} job(s) run at ${systemClock.now().toISOString()}\n`);
    return results.every((result) => result.error === null);
  } finally {
    await database.close();
  }
}

run().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`jobs could not run: ${(error as Error).message}\n`);
    process.exit(2);
  },
);

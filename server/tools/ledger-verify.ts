// `npm run ledger:verify`: checks the whole ledger of DATABASE_URL (or the project's embedded
// database: the running service's when there is one, which it connects to and leaves running),
// prints what it checked, and exits 1 with the offending ids on any violation. It only reads, as
// the app role: a database with pending migrations is refused (exit 2), never migrated by a checker.
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { pendingMigrations } from '../db/migrator.js';
import { openDatabase } from '../db/open-database.js';
import { formatVerifyReport, verifyLedger } from '../ledger/ledger.js';

async function run(): Promise<boolean> {
  const database = await openDatabase(loadConfig(), pino({ level: 'warn' }), { attach: true });
  try {
    const pending = await pendingMigrations(database.sequelize);
    if (pending.length > 0) {
      throw new Error(
        `the database has ${pending.length} pending migration(s) (${pending.join(', ')}); apply them with npm run db:migrate first`,
      );
    }
    const report = await verifyLedger(database.sequelize);
    process.stdout.write(`${formatVerifyReport(report)}\n`);
    return report.ok;
  } finally {
    await database.close();
  }
}

run().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`ledger verification could not run: ${(error as Error).message}\n`);
    process.exit(2);
  },
);

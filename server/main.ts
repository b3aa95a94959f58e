// Starts the service: config, database (embedded unless DATABASE_URL), migrations, seed data,
// HTTP, and a clean shutdown on SIGTERM/SIGINT.
import type { Server } from 'node:http';
import type { Express } from 'express';
import { pino } from 'pino';
import { createApp } from './app.js';
import { systemClock, type AppContext } from './app-context.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate, seed } from './db/migrator.js';
import { openDatabase } from './db/open-database.js';
import { startScheduler } from './jobs/scheduler.js';
import { DEMO_LOGINS } from '../seeders/demo-logins.js';

async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(config, logger);
  const context: AppContext = { sequelize: database.sequelize, config, clock: systemClock, logger };
  let server: Server;
  try {
    const applied = await migrate(database.sequelize);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    await seed(database.sequelize, config, { demo: config.seedDemo });
    server = await listen(createApp(context), config.port);
  } catch (error) {
    await database.close(); // never leave an embedded server running behind a failed start
    throw error;
  }
  announce(config.port, config.seedDemo, config.demoPassword);
  const stopScheduler = config.schedulerIntervalSeconds > 0 ? startScheduler(context, config.schedulerIntervalSeconds) : async () => undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stopScheduler();
    await closeServer(server);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** A start-up failure the operator can fix, printed as one line rather than a stack. */
class StartError extends Error {}

/** Resolves once the port is bound. Express 5 hands a listen error (a port in use) to the callback. */
function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error) => {
      if (!error) return resolve(server);
      const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'it is already in use' : error.message;
      reject(new StartError(`Cannot listen on port ${port}: ${reason}. Stop what uses it or set PORT to another port.`));
    });
  });
}

function closeServer(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

function announce(port: number, demo: boolean, password: string) {
  const lines = [`Learning Accounts is listening on http://localhost:${port}  (health: /health, API: /openapi.json)`];
  if (demo) {
    lines.push(`Demo logins (password "${password}"):`);
    for (const login of DEMO_LOGINS) lines.push(`  ${login.role.padEnd(8)} ${login.email.padEnd(28)} ${login.what}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartError;
  process.stderr.write(known ? `${error.message}\n` : `Start-up failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

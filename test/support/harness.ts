// The app under test: createApp() over the test database, with a settable clock, real signed
// JWTs and supertest. Import `harness()` in a test file; it is built once per run. `sequelize`
// is the app role the service serves as (what most setup needs); `ownerSequelize` owns the schema,
// for the few tests that must write what the app may not (e.g. to show a trigger refusing it).
import { pino } from 'pino';
import supertest from 'supertest';
import type { Sequelize } from 'sequelize';
import { createApp } from '../../server/app.js';
import { settableClock, type AppContext } from '../../server/app-context.js';
import { loadConfig, type Config } from '../../server/config.js';
import { connectDatabase, type Database } from '../../server/db/database.js';
import { applyDatabaseRoles, checkAppRole } from '../../server/db/database-roles.js';
import { migrate, seed } from '../../server/db/migrator.js';

export type Harness = {
  app: ReturnType<typeof createApp>;
  http: ReturnType<typeof supertest>;
  sequelize: Sequelize;
  ownerSequelize: Sequelize;
  config: Config;
  clock: ReturnType<typeof settableClock>;
  context: AppContext;
};

let database: Database | undefined;
let ownerDatabase: Database | undefined;
let built: Harness | undefined;
/**
 * What the test apps logged at warning level or above during the current test: printed when it
 * fails (root-hooks.ts), so a failure inside the app (a store's error, a 500) is not lost to a
 * silent logger. Bounded, as some tests provoke errors on purpose.
 */
const appLog: string[] = [];
const APP_LOG_LINES = 50;
const appLogger = () =>
  pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        if (appLog.push(line.trimEnd()) > APP_LOG_LINES) appLog.shift();
      },
    },
  );

/** The lines logged since the last call. */
export const takeAppLog = () => appLog.splice(0);

/** Every clock an app of this process was built with: the root hooks put each back on the wall clock after every test. */
const clocks = new Set<ReturnType<typeof settableClock>>();

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    DB_POOL_MAX: '40',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PAYMENT_WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
    ...overrides,
  });
}

function testDatabase(): Database {
  if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: run the tests through mocha');
  database ??= connectDatabase(process.env.TEST_DATABASE_URL, 40);
  return database;
}

/** The schema's owner; the app role itself when only TEST_DATABASE_URL is given. */
function testOwnerDatabase(): Database {
  ownerDatabase ??= process.env.TEST_DATABASE_OWNER_URL ? connectDatabase(process.env.TEST_DATABASE_OWNER_URL, 10) : testDatabase();
  return ownerDatabase;
}

export async function prepareTestDatabase() {
  const { sequelize } = testOwnerDatabase();
  await migrate(sequelize);
  await seed(sequelize, testConfig(), { demo: false });
  if (process.env.TEST_DATABASE_OWNER_URL) {
    const appRole = decodeURIComponent(new URL(process.env.TEST_DATABASE_URL!).username);
    await checkAppRole(sequelize, appRole);
    await applyDatabaseRoles(sequelize, appRole);
  }
}

/** Builds an app over the test database; `overrides` are extra env keys for loadConfig. */
export function buildHarness(overrides: Record<string, string> = {}): Harness {
  const config = testConfig(overrides);
  const clock = settableClock();
  clocks.add(clock);
  const { sequelize } = testDatabase();
  const ownerSequelize = testOwnerDatabase().sequelize;
  const context: AppContext = { sequelize, config, clock, logger: appLogger() };
  const app = createApp(context);
  return { app, http: supertest(app), sequelize, ownerSequelize, config, clock, context };
}

export function harness(): Harness {
  built ??= buildHarness();
  return built;
}

/** Puts every test app's clock back on the wall clock, so no test sees the date another one set. */
export function resetClocks() {
  const now = new Date();
  for (const clock of clocks) clock.set(now);
}

export async function closeHarness() {
  if (ownerDatabase !== database) await ownerDatabase?.close();
  await database?.close();
  database = undefined;
  ownerDatabase = undefined;
  built = undefined;
}

// Schema migrations (migrations/) and reference/demo data (seeders/), run in-process with umzug
// so the same code serves `npm start`, the npm db:* scripts and the test suite.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Config } from '../config.js';
import { queryRows } from './database.js';
import { applyFunctionFiles } from './function-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type MigrationContext = { queryInterface: QueryInterface; sequelize: Sequelize };
export type SeedContext = { sequelize: Sequelize; config: Config };

type Step<C> = { up: (context: C) => Promise<void>; down?: (context: C) => Promise<void> };

function migrator(sequelize: Sequelize) {
  return new Umzug<MigrationContext>({
    migrations: {
      glob: ['migrations/*.ts', { cwd: root }],
      resolve: ({ name, path: file, context }) => ({
        name,
        up: async () => (await loadStep<MigrationContext>(file)).up(context),
        down: async () => (await loadStep<MigrationContext>(file)).down?.(context),
      }),
    },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

async function loadStep<C>(file: string | undefined): Promise<Step<C>> {
  if (!file) throw new Error('migration without a file');
  return (await import(pathToFileURL(file).href)) as Step<C>;
}

/**
 * Brings the schema up to date: the migrations not yet applied (tables), then the database
 * functions whose `.sql` file changed (function-files.ts). Returns what it did, one name each.
 */
export async function migrate(sequelize: Sequelize) {
  const migrations = (await migrator(sequelize).up()).map((step) => step.name);
  const functions = await applyFunctionFiles(sequelize);
  return [
    ...migrations,
    ...functions.applied.map((name) => `function ${name}`),
    ...functions.dropped.map((name) => `dropped function ${name}`),
  ];
}

/**
 * Names of the migrations not yet applied, read without writing: umzug's pending() creates its
 * table first, and a checker such as ledger:verify must not change the database it checks.
 */
export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  const known = await migrator(sequelize).migrations({ queryInterface: sequelize.getQueryInterface(), sequelize });
  const [table] = await queryRows<{ present: boolean }>(sequelize, `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const applied = table?.present ? await queryRows<{ name: string }>(sequelize, `SELECT name FROM schema_migrations`) : [];
  const done = new Set(applied.map((row) => row.name));
  return known.map((step) => step.name).filter((name) => !done.has(name));
}

export async function undoLastMigration(sequelize: Sequelize) {
  return (await migrator(sequelize).down()).map((step) => step.name);
}

/**
 * Seeders are idempotent (they upsert by natural keys) and run in file order every time, so a
 * restart never duplicates data and a newly added seeder still runs on an old database.
 * Files are named `NN-ref-*.ts` (reference data, always) or `NN-demo-*.ts` (demo data, only when
 * asked); NN fixes the order across both kinds.
 */
export async function seed(sequelize: Sequelize, config: Config, { demo }: { demo: boolean }) {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(path.join(root, 'seeders'))
    .filter((file) => /^\d\d-(ref|demo)-.*\.ts$/.test(file) && (demo || file.includes('-ref-')))
    .sort();
  for (const file of files) {
    await (await loadStep<SeedContext>(path.join(root, 'seeders', file))).up({ sequelize, config });
  }
  return files;
}

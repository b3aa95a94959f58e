// The migrations alone, as the migrator applies them but without its repeatable step (the function
// files): for tests that stop at a migration of the past, or undo and redo the migrations.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { MigrationContext } from '../../server/db/migrator.js';

type Step = { up: (context: MigrationContext) => Promise<void> };

/** Applies the pending migrations up to and including `last` (all of them without it). */
export async function migrateOnly(sequelize: Sequelize, last?: string): Promise<string[]> {
  const umzug = new Umzug<MigrationContext>({
    migrations: {
      glob: ['migrations/*.ts', { cwd: process.cwd() }],
      resolve: ({ name, path: file, context }) => ({
        name,
        up: async () => ((await import(pathToFileURL(path.resolve(file ?? name)).href)) as Step).up(context),
      }),
    },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  return (await umzug.up(last ? { to: last } : {})).map((step) => step.name);
}

// `npm run db:migrate | db:migrate:undo | db:seed`: the sequelize-cli verbs, run in-process
// against DATABASE_URL or the project's embedded database.
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { migrate, seed, undoLastMigration } from '../db/migrator.js';
import { openDatabase } from '../db/open-database.js';

const COMMANDS = {
  migrate: async (db: Awaited<ReturnType<typeof openDatabase>>) => `applied: ${(await migrate(db.sequelize)).join(', ') || 'nothing new'}`,
  undo: async (db: Awaited<ReturnType<typeof openDatabase>>) => `reverted: ${(await undoLastMigration(db.sequelize)).join(', ') || 'nothing'}`,
  seed: async (db: Awaited<ReturnType<typeof openDatabase>>, config = loadConfig()) => {
    await migrate(db.sequelize);
    return `seeded: ${(await seed(db.sequelize, config, { demo: config.seedDemo })).join(', ')}`;
  },
};

async function run(name: string | undefined) {
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) throw new Error(`usage: db-command.ts ${Object.keys(COMMANDS).join('|')}`);
  const config = loadConfig();
  const database = await openDatabase(config, pino({ level: 'warn' }));
  try {
    process.stdout.write(`${await command(database)}\n`);
  } finally {
    await database.close();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

// `npm run db:migrate | db:migrate:undo | db:seed`: the sequelize-cli verbs, run in-process as the
// schema's owner against DATABASE_OWNER_URL or the project's embedded database (the running
// service's, when it runs: a tool never stops a server it did not start).
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { migrate, seed, undoLastMigration } from '../db/migrator.js';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';

const COMMANDS = {
  migrate: async (db: OpenDatabase) => `applied: ${(await db.asOwner(migrate)).join(', ') || 'nothing new'}`,
  undo: async (db: OpenDatabase) => `reverted: ${(await db.asOwner(undoLastMigration)).join(', ') || 'nothing'}`,
  seed: async (db: OpenDatabase, config = loadConfig()) =>
    db.asOwner(async (owner) => {
      await migrate(owner);
      return `seeded: ${(await seed(owner, config, { demo: config.seedDemo })).join(', ')}`;
    }),
};

async function run(name: string | undefined) {
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) throw new Error(`usage: db-command.ts ${Object.keys(COMMANDS).join('|')}`);
  const config = loadConfig();
  const database = await openDatabase(config, pino({ level: 'warn' }), { attach: true });
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

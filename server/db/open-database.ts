// Connects to DATABASE_URL, or starts the embedded PostgreSQL in the project's data folder.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { connectDatabase, type Database } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export type OpenDatabase = Database & { url: string; embedded: boolean };

export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const database = connectDatabase(config.databaseUrl, config.dbPoolMax);
    return { ...database, url: config.databaseUrl, embedded: false };
  }
  logger.info({ dir: config.embeddedPg.dir, port: config.embeddedPg.port }, 'starting embedded PostgreSQL');
  const server = await startEmbeddedPostgres({
    dir: config.embeddedPg.dir,
    port: config.embeddedPg.port,
    database: 'learning_accounts',
    log: (message) => logger.warn(message),
  });
  const database = connectDatabase(server.url, config.dbPoolMax);
  return {
    url: server.url,
    embedded: true,
    sequelize: database.sequelize,
    close: async () => {
      await database.close();
      await server.stop();
    },
  };
}

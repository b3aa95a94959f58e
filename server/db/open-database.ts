// Connects to DATABASE_URL, or starts the embedded PostgreSQL in the project's data folder, and
// keeps the two roles apart: requests are served as the app role (`sequelize`), while migrations,
// seeds and the app role's grants run as the owner inside `asOwner`, on a connection closed after.
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { ConfigError, type Config } from '../config.js';
import { connectDatabase, type Database } from './database.js';
import { applyDatabaseRoles, checkAppRole } from './database-roles.js';
import { runningServerPort, startEmbeddedPostgres } from './embedded-postgres.js';
import { APP_ROLE, ensureEmbeddedRoles, OWNER_ROLE, roleSecrets, roleUrl } from './embedded-roles.js';

const EMBEDDED_DATABASE = 'learning_accounts';

export type OpenDatabase = Database & {
  /** The app role's URL: what cluster workers connect with. */
  url: string;
  embedded: boolean;
  /** Runs `work` as the owner (migrations, seeds), then grants the app role its privileges. */
  asOwner: <T>(work: (owner: Sequelize) => Promise<T>) => Promise<T>;
  /** The embedded server's postmaster, when this process started it (watched by main). */
  serverPid: number | undefined;
};

type Urls = { appUrl: string; ownerUrl: string | undefined };

/**
 * `attach`: a tool (ledger:verify, db:*) connects to an embedded server that is running on the
 * data folder (the service's) instead of starting one, and never stops a server it did not start.
 */
export async function openDatabase(config: Config, logger: Logger, { attach = false } = {}): Promise<OpenDatabase> {
  if (config.databaseUrl)
    return withRoles(
      { appUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl },
      config,
      logger,
      false,
      () => Promise.resolve(),
      undefined,
    );
  const { dir, port } = config.embeddedPg;
  const secrets = roleSecrets(dir);
  const running = attach ? runningServerPort(dir) : undefined;
  const superuser = (at: number) => roleUrl('postgres', secrets.superuser, at, EMBEDDED_DATABASE);
  let serverPort = running ?? port;
  let stop = (): Promise<void> => Promise.resolve();
  let serverPid: number | undefined;
  if (running === undefined) {
    logger.info({ dir, port }, 'starting embedded PostgreSQL');
    const server = await startEmbeddedPostgres({
      dir,
      port,
      database: EMBEDDED_DATABASE,
      password: secrets.superuser,
      log: (message) => logger.warn(message),
    });
    ({ stop, pid: serverPid } = server);
    serverPort = port;
  }
  try {
    await ensureEmbeddedRoles(superuser(serverPort), EMBEDDED_DATABASE, secrets);
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = {
    appUrl: roleUrl(APP_ROLE, secrets.app, serverPort, EMBEDDED_DATABASE),
    ownerUrl: roleUrl(OWNER_ROLE, secrets.owner, serverPort, EMBEDDED_DATABASE),
  };
  return withRoles(urls, config, logger, true, stop, serverPid);
}

/** Without DATABASE_OWNER_URL the schema is changed as DATABASE_URL's role: tolerated outside production only. */
function ownerlessMigration(config: Config, logger: Logger) {
  if (config.env === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_OWNER_URL: production needs it with DATABASE_URL (migrations run as the owner, requests as the app role)',
    );
  }
  logger.warn('DATABASE_OWNER_URL is not set: migrating and serving as one role, so the database cannot protect its own records');
}

function withRoles(
  urls: Urls,
  config: Config,
  logger: Logger,
  embedded: boolean,
  stopServer: () => Promise<void>,
  serverPid: number | undefined,
): OpenDatabase {
  const database = connectDatabase(urls.appUrl, config.dbPoolMax);
  const appRole = decodeURIComponent(new URL(urls.appUrl).username);
  const asOwner = async <T>(work: (owner: Sequelize) => Promise<T>): Promise<T> => {
    if (!urls.ownerUrl) {
      ownerlessMigration(config, logger);
      return work(database.sequelize);
    }
    const owner = connectDatabase(urls.ownerUrl, 2);
    try {
      const result = await work(owner.sequelize);
      await checkAppRole(owner.sequelize, appRole);
      await applyDatabaseRoles(owner.sequelize, appRole);
      logger.debug({ appRole }, 'database roles applied');
      return result;
    } finally {
      await owner.close();
    }
  };
  return {
    sequelize: database.sequelize,
    url: urls.appUrl,
    embedded,
    asOwner,
    serverPid,
    close: async () => {
      await database.close();
      await stopServer();
    },
  };
}

// One Sequelize instance per process (tests build their own). Amounts come back from pg as
// strings (NUMERIC is never parsed to a float) and calendar dates as 'YYYY-MM-DD' strings, so a
// date never shifts with the server's time zone. Every transaction is READ COMMITTED (the flows
// are written for it): set once per connection, not with a SET TRANSACTION round trip each time.
import pg from 'pg';
import { QueryTypes, Sequelize, type Transaction } from 'sequelize';
import { createStatementPool, runStatement } from './statement-pool.js';

pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export type Database = {
  sequelize: Sequelize;
  close: () => Promise<void>;
};

/**
 * A connection the server drops (a restart, a crash) emits 'error', and an unheard 'error' ends
 * the process. Sequelize listens only once its connect has resolved, a tick after pg may already
 * have read the server's FATAL from the same packet as its ReadyForQuery: so every client listens
 * from birth. The next use of the dropped connection fails and is answered 503
 * (server/http/problem.ts); the watchdog decides when the database is gone for good.
 */
class ListeningClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
const pgWithListeningClients: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Client: ListeningClient });

const SESSION_OPTIONS = '-c default_transaction_isolation=read\\ committed';

/** The pool of the statements run outside transactions, per Sequelize instance (statement-pool.ts). */
const statementPools = new WeakMap<Sequelize, pg.Pool>();

export function connectDatabase(url: string, poolMax: number): Database {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pgWithListeningClients,
    logging: false,
    benchmark: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true, timestamps: false, freezeTableName: true },
    dialectOptions: { options: SESSION_OPTIONS },
  });
  const statements = createStatementPool(url, poolMax, ListeningClient, SESSION_OPTIONS);
  statementPools.set(sequelize, statements);
  return { sequelize, close: async () => Promise.all([sequelize.close(), statements.end()]).then(() => undefined) };
}

/** Runs `work` in the caller's transaction when there is one, otherwise in a new one. */
export async function inTransaction<T>(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  if (transaction) return work(transaction);
  return sequelize.transaction((t) => work(t));
}

/**
 * Plain SQL with positional binds ($1, $2 ...), returning the rows: in the transaction through
 * Sequelize, outside one as a prepared statement on the statement pool (one round trip).
 */
export async function queryRows<Row>(
  sequelize: Sequelize,
  sql: string,
  bind: unknown[] = [],
  options: { transaction?: Transaction | null | undefined } = {},
): Promise<Row[]> {
  const pool = options.transaction ? undefined : statementPools.get(sequelize);
  if (pool) return runStatement<Row>(pool, sql, bind);
  const rows = await sequelize.query<object>(sql, { bind, transaction: options.transaction ?? null, type: QueryTypes.SELECT, raw: true });
  return rows as Row[];
}

export type DatabaseFailure = { code?: string; message?: string; detail?: string; constraint?: string };

/** The PostgreSQL error behind an error: raised by pg itself or wrapped by Sequelize (e.g. at COMMIT). */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = error as { parent?: DatabaseFailure; original?: DatabaseFailure; code?: unknown };
  if (wrapped.parent && typeof wrapped.parent.code === 'string') return wrapped.parent;
  if (wrapped.original && typeof wrapped.original.code === 'string') return wrapped.original;
  return typeof wrapped.code === 'string' ? error : undefined;
}

/** The unique index or constraint an error violated, if it is a unique violation. */
export function uniqueViolationOf(error: unknown): string | undefined {
  const failure = databaseFailureOf(error);
  return failure?.code === '23505' ? failure.constraint : undefined;
}

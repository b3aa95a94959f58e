// One Sequelize instance per process (tests build their own). Amounts come back from pg as
// strings (NUMERIC is never parsed to a float) and calendar dates as 'YYYY-MM-DD' strings, so a
// date never shifts with the server's time zone.
import pg from 'pg';
import { Sequelize, Transaction, type QueryOptions } from 'sequelize';

pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export type Database = {
  sequelize: Sequelize;
  close: () => Promise<void>;
};

export function connectDatabase(url: string, poolMax: number): Database {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    benchmark: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true, timestamps: false, freezeTableName: true },
    isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED,
  });
  return { sequelize, close: () => sequelize.close() };
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

/** Plain SQL with positional binds ($1, $2 ...), returning the rows. */
export async function queryRows<Row>(
  sequelize: Sequelize,
  sql: string,
  bind: unknown[] = [],
  options: Pick<QueryOptions, 'transaction'> = {},
): Promise<Row[]> {
  const [rows] = await sequelize.query(sql, { bind, raw: true, transaction: options.transaction ?? null });
  return rows as Row[];
}

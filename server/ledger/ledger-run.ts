// How every ledger call reaches the database. Inside a caller's transaction the statement simply
// joins it (flows combine a posting with their own state change atomically). Without one, the
// statement runs on its own: each ledger function is a single statement, so autocommit makes it
// atomic in one round trip, and a lost deadlock or serialisation check is retried.
// A refusal raised inside the caller's transaction aborts that transaction (or the savepoint the
// router opened around the handler): callers that want to go on after a refusal need a savepoint.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { withRetry } from '../db/retry.js';
import { toLedgerError } from './ledger-errors.js';

export async function ledgerQuery<Row>(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  sql: string,
  bind: unknown[],
): Promise<Row[]> {
  try {
    if (transaction) return await queryRows<Row>(sequelize, sql, bind, { transaction });
    return await withRetry(() => queryRows<Row>(sequelize, sql, bind));
  } catch (error) {
    throw toLedgerError(error);
  }
}

// Deterministic interleaving of concurrent statements: a test holds a lock in one transaction and
// goes on once another connection's statement is seen waiting for it.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../../server/db/database.js';

/** Resolves once a statement of another connection waits for a lock `transaction` holds; throws after about 5 seconds. */
export async function blockedBy(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  const [self] = await queryRows<{ pid: number }>(sequelize, `SELECT pg_backend_pid() AS pid`, [], { transaction });
  for (let tries = 0; tries < 250; tries++) {
    const [row] = await queryRows<{ waiting: number }>(
      sequelize,
      `SELECT count(*)::integer AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
      [self!.pid],
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no statement waited for the lock this transaction holds');
}

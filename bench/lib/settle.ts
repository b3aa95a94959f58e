// Before a measurement: VACUUM (ANALYZE) and CHECKPOINT, so a load pays neither for the writes of
// the set-up and the sections before it nor for the autovacuum they would set off (pgbench -i
// vacuums its tables too). On a server where the bench's role may not do either, it says so
// once and measures without.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../server/db/database.js';

let refused = false;

export async function settle(sequelize: Sequelize): Promise<void> {
  if (refused) return;
  const run = async () => {
    await queryRows(sequelize, 'VACUUM (ANALYZE)');
    await queryRows(sequelize, 'CHECKPOINT');
  };
  await run().catch((error: unknown) => {
    refused = true;
    process.stdout.write(`  (no VACUUM and CHECKPOINT before measurements: ${(error as Error).message})\n`);
  });
}

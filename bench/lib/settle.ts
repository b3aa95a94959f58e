// CHECKPOINT before a measurement. On a server where the bench's role may not checkpoint (not a
// superuser and not in pg_checkpoint), it says so once and measures without.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../server/db/database.js';

let refused = false;

export async function settle(sequelize: Sequelize): Promise<void> {
  if (refused) return;
  await queryRows(sequelize, 'CHECKPOINT').catch((error: unknown) => {
    refused = true;
    process.stdout.write(`  (no CHECKPOINT before measurements: ${(error as Error).message})\n`);
  });
}

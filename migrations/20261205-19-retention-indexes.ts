// The purge job (server/jobs/retention-purge.ts) deletes idempotency keys and job_runs rows older
// than their retention, oldest first in small batches: these indexes let each batch read only the
// rows it deletes instead of scanning the whole table. Built CONCURRENTLY, so an upgrade of a large
// table never blocks the value-moving requests that claim keys; each statement runs on its own
// (CONCURRENTLY refuses a transaction), and one an interrupted run left invalid is built again.
import type { MigrationContext } from '../server/db/migrator.js';

const INDEXES = [
  { name: 'idempotency_keys_created_idx', on: 'idempotency_keys (created_at)' },
  { name: 'job_runs_finished_idx', on: 'job_runs (finished_at)' },
];

export async function up({ sequelize }: MigrationContext) {
  for (const index of INDEXES) {
    await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
    await sequelize.query(`CREATE INDEX CONCURRENTLY ${index.name} ON ${index.on}`);
  }
}

export async function down({ sequelize }: MigrationContext) {
  for (const index of INDEXES) await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
}

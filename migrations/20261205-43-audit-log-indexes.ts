// The audit trail pages (/admin/audit, /centre/audit) and GET /v1/audit filter the log by who
// acted and by when, newest first (server/audit/audit-store.ts, auditRows). Only the entity had
// an index, so both filters read the log backwards from its newest entry until a page was found:
// the whole log for an actor who rarely acts or a period long past.
// - by actor: the actor's entries in id order, so a page is the index's next rows (an e-mail is
//   looked up in users first, then the same index); entries by the system (no actor) are left out.
// - by time: the entries of a day range, from the index on `at`.
// Built CONCURRENTLY, as migration 19 built its indexes: every audited request writes to the log,
// and a plain build would hold those writes for as long as it reads a large log. Each statement
// runs on its own (CONCURRENTLY refuses a transaction); one an interrupted run left invalid is
// built again.
import type { MigrationContext } from '../server/db/migrator.js';

const INDEXES = [
  { name: 'audit_log_actor_idx', on: 'audit_log (actor_id, id) WHERE actor_id IS NOT NULL' },
  { name: 'audit_log_at_idx', on: 'audit_log (at)' },
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

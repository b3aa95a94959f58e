// The audit trail pages (/admin/audit, /centre/audit) and GET /v1/audit filter the log by who
// acted and by when, newest first (server/audit/audit-store.ts, auditRows). Only the entity had
// an index, so both filters read the log backwards from its newest entry until a page was found:
// the whole log for an actor who rarely acts or a period long past.
// - by actor: the actor's entries in id order, so a page is the index's next rows (an e-mail is
//   looked up in users first, then the same index); entries by the system (no actor) are left out.
// - by time: the entries of a day range, from the index on `at`.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;
    CREATE INDEX audit_log_at_idx ON audit_log (at)`);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP INDEX audit_log_actor_idx, audit_log_at_idx`);
}

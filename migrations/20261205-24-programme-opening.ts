// Opening a programme is a change a second administrator approves (issue 15): a new kind of
// pending change. Its target is the new programme's code, so one opening per code waits at a time
// (pending_changes_one_open_idx).
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_kind_check,
      ADD CONSTRAINT pending_changes_kind_check CHECK (kind IN ('programme_parameters', 'budget_funding', 'statement_payment', 'programme_opening'));
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_kind_check,
      ADD CONSTRAINT pending_changes_kind_check CHECK (kind IN ('programme_parameters', 'budget_funding', 'statement_payment'));
  `);
}

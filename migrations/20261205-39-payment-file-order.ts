// The files of a settlement run in the order they were made. created_at keeps whole seconds, so
// two files made within one second tied and read in a random order; a number taken from a
// sequence as each file is stored orders them for good (files stored before get theirs in the
// table's order, which is how they were written: the table is append-only).
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE payment_files ADD COLUMN file_number bigserial;
    CREATE INDEX payment_files_run_order_idx ON payment_files (run_id, file_number)`);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`ALTER TABLE payment_files DROP COLUMN file_number`);
}

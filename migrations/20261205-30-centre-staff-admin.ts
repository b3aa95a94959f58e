// A centre's own administrator (issue 17, journey 6): a staff login marked centre_admin adds and
// disables its centre's staff in the centre portal. Only the service's administrators set the mark
// (PUT /v1/centres/{id}/staff/{userId}/centre-admin); only a centre's staff can carry it.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE users ADD COLUMN centre_admin boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD CONSTRAINT users_centre_admin_is_staff CHECK (NOT centre_admin OR role = 'centre');
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`ALTER TABLE users DROP CONSTRAINT users_centre_admin_is_staff; ALTER TABLE users DROP COLUMN centre_admin;`);
}

// Portal sessions (server/portal/session.ts), kept by connect-pg-simple in its own layout: the
// session id, its data as JSON, and when it expires (the store prunes rows past it). Made here
// rather than by the store, so the app role never needs to create tables.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE portal_sessions (
      sid varchar PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    );
    CREATE INDEX portal_sessions_expire_idx ON portal_sessions (expire);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE portal_sessions`);
}

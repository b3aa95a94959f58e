// Administrators and the auditor of the demo. Upserts by e-mail, so seeding twice changes nothing.
import { hashPassword } from '../server/auth/passwords.js';
import type { SeedContext } from '../server/db/migrator.js';
import { DEMO_STAFF } from './demo-logins.js';
import { upsertDemoUser } from './seed-helpers.js';

export async function up({ sequelize, config }: SeedContext) {
  const passwordHash = await hashPassword(config.demoPassword);
  for (const login of DEMO_STAFF) await upsertDemoUser(sequelize, { ...login, passwordHash });
}

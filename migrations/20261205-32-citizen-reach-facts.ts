// Reach statistics (issue 18, item 8): a citizen's facts may hold `sex` (female, male, other,
// not_stated), beside the ISCED level of their highest qualification they already hold. Facts live
// in one jsonb column validated by the citizens component; the database also refuses any other value
// of `sex`, because statistics published from it must not meet a value they cannot place. Added
// NOT VALID and then validated, so existing rows are checked without holding writes meanwhile.
// The reach query reads a programme's eligible decisions by reference date; centre monitoring reads
// every centre's sessions by date and closed cheques by their (UTC) close day: three partial or
// expression indexes, built CONCURRENTLY (each statement on its own, as CONCURRENTLY refuses a
// transaction; one an interrupted run left invalid is built again).
import type { MigrationContext } from '../server/db/migrator.js';

const INDEXES = [
  { name: 'decisions_eligible_programme_idx', on: 'decisions (programme_code, reference_date) WHERE eligible' },
  { name: 'voucher_sessions_date_idx', on: 'voucher_sessions (session_date)' },
  { name: 'vouchers_closed_on_idx', on: `vouchers (((ended_at AT TIME ZONE 'UTC')::date)) WHERE status = 'closed'` },
];

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE citizens ADD CONSTRAINT citizens_facts_sex_check
      CHECK (NOT facts ? 'sex' OR facts->>'sex' IN ('female', 'male', 'other', 'not_stated')) NOT VALID`);
  await sequelize.query(`ALTER TABLE citizens VALIDATE CONSTRAINT citizens_facts_sex_check`);
  for (const index of INDEXES) {
    await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
    await sequelize.query(`CREATE INDEX CONCURRENTLY ${index.name} ON ${index.on}`);
  }
}

export async function down({ sequelize }: MigrationContext) {
  for (const index of INDEXES) await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
  await sequelize.query(`ALTER TABLE citizens DROP CONSTRAINT citizens_facts_sex_check`);
}

// Course grants of any programme (issue 15).
// - A citizen holds one funded application per right (a programme's account year), no longer one
//   per account year across every programme, so an ITA and a STAP application of the same year
//   stand side by side. The entitlement is the citizen's right in one programme and period, so the
//   rule moves onto it.
// - A second index lets a claim count a course's live grants in a period (maxGrantsPerCourse)
//   without reading the table.
// - The claim's statement is course_grant_claim now, which takes the programme's code.
//   ita_claim_application goes: landed migrations (11, 18) made it, so the function-files step,
//   which drops only what it made, may not. Its down leaves a function of migration 18's signature
//   for migration 18's down to drop; the function files of the code rolled back replace it.
// Where applications say whether they are held to one per period (one_per_period, made by the
// accruing accounts' migration: an account's applications are many a year), the per-right index
// skips the others.
// Indexes are built CONCURRENTLY, so an upgrade never blocks claims; the new unique index is in
// place before the old one goes, and each statement runs on its own (CONCURRENTLY refuses a
// transaction).
import type { MigrationContext } from '../server/db/migrator.js';

const LIVE = `WHERE status NOT IN ('lapsed', 'cancelled')`;

export async function up({ sequelize }: MigrationContext) {
  const [flagged] = await sequelize.query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = 'applications' AND column_name = 'one_per_period'`,
  );
  const oneEach = flagged.length > 0 ? `${LIVE} AND one_per_period` : LIVE;
  await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS applications_one_per_right_idx`);
  await sequelize.query(`CREATE UNIQUE INDEX CONCURRENTLY applications_one_per_right_idx ON applications (entitlement_id) ${oneEach}`);
  await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS applications_one_funded_idx`);
  await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS applications_course_grants_idx`);
  await sequelize.query(`CREATE INDEX CONCURRENTLY applications_course_grants_idx ON applications (course_id, account_year) ${LIVE}`);
  await sequelize.query(`DROP FUNCTION IF EXISTS ita_claim_application`);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE FUNCTION ita_claim_application(p_scope text, p_key text, p_hash text, p_citizen uuid, p_user uuid, p_today date,
                                          p_outcome jsonb, p_facts jsonb, p_refusal_status integer,
                                          p_places_period date, p_closing_date date, p_hold_expires_at timestamptz,
                                          p_lanes integer, p_first integer, p_refill boolean)
    RETURNS TABLE (replayed boolean, status integer, outcome jsonb, body jsonb)
    LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ita_claim_application is restored by its function file'; END $$`);
  await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS applications_course_grants_idx`);
  await sequelize.query(`CREATE UNIQUE INDEX CONCURRENTLY applications_one_funded_idx ON applications (citizen_id, account_year) ${LIVE}`);
  await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS applications_one_per_right_idx`);
}

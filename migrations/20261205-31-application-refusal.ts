// A provider refuses an application with a reason (issue 17, journey 3). A refused application is
// closed like a lapsed or cancelled one (its hold freed, its money back where it came from, its
// right free for another course), and it says why, when and by whom: the reason is shown to the citizen.
// - Migration 07 left its table checks unnamed: applications_check5 ties a closed status to its
//   release; it is replaced under a name that says what it is (and restored as it was on down).
// - The indexes over live applications (migration 25) skip refused ones too. As there, they are
//   built CONCURRENTLY, each statement on its own, the new one in place before the old one goes.
import type { MigrationContext } from '../server/db/migrator.js';

const CLOSED = `'lapsed', 'cancelled', 'refused'`;
const CLOSED_BEFORE = `'lapsed', 'cancelled'`;

async function liveIndexes(sequelize: MigrationContext['sequelize'], closed: string) {
  const live = `WHERE status NOT IN (${closed})`;
  const indexes = [
    ['applications_one_per_right_idx', `UNIQUE INDEX CONCURRENTLY %s ON applications (entitlement_id) ${live} AND one_per_period`],
    ['applications_course_grants_idx', `INDEX CONCURRENTLY %s ON applications (course_id, account_year) ${live}`],
  ] as const;
  for (const [name, definition] of indexes) {
    await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}_next`);
    await sequelize.query(`CREATE ${definition.replace('%s', `${name}_next`)}`);
    await sequelize.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    await sequelize.query(`ALTER INDEX ${name}_next RENAME TO ${name}`);
  }
}

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE applications
      DROP CONSTRAINT applications_status_check,
      ADD CONSTRAINT applications_status_check
        CHECK (status IN ('pending_verification', 'verified', 'claimed', 'lapsed', 'cancelled', 'refused')),
      ADD COLUMN refusal_reason text CHECK (char_length(refusal_reason) BETWEEN 1 AND 500),
      ADD COLUMN refused_at timestamptz,
      ADD COLUMN refused_by uuid REFERENCES users(id),
      ADD CONSTRAINT applications_refusal_check
        CHECK ((status = 'refused') = (refusal_reason IS NOT NULL AND refused_at IS NOT NULL AND refused_by IS NOT NULL)),
      DROP CONSTRAINT applications_check5,
      ADD CONSTRAINT applications_closed_check
        CHECK ((status IN (${CLOSED})) = (release_transaction_id IS NOT NULL AND closed_at IS NOT NULL))`);
  await liveIndexes(sequelize, CLOSED);
}

export async function down({ sequelize }: MigrationContext) {
  await liveIndexes(sequelize, CLOSED_BEFORE);
  await sequelize.query(`
    ALTER TABLE applications
      DROP CONSTRAINT applications_closed_check,
      ADD CONSTRAINT applications_check5
        CHECK ((status IN (${CLOSED_BEFORE})) = (release_transaction_id IS NOT NULL AND closed_at IS NOT NULL)),
      DROP CONSTRAINT applications_refusal_check,
      DROP COLUMN refusal_reason,
      DROP COLUMN refused_at,
      DROP COLUMN refused_by,
      DROP CONSTRAINT applications_status_check,
      ADD CONSTRAINT applications_status_check CHECK (status IN ('pending_verification', 'verified', 'claimed', 'lapsed', 'cancelled'))`);
}

// Four eyes on money. A change that moves money (a parameter version that sets amounts, a budget
// funding above the threshold, a statement payment) is stored here as pending, with the payload
// its request validated, and takes effect only when another administrator approves it. The
// database keeps the rule too: an approved change was decided by someone other than its requester.
// One statement is paid at most once, and one parameter date has at most one version, so a
// second pending request for the same statement or date is refused while the first is open.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE pending_changes (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind          text NOT NULL CHECK (kind IN ('programme_parameters', 'budget_funding', 'statement_payment')),
      target_id     text NOT NULL,
      payload       jsonb NOT NULL,
      requested_by  uuid NOT NULL REFERENCES users(id),
      requested_at  timestamptz NOT NULL DEFAULT now(),
      status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
      decided_by    uuid REFERENCES users(id),
      decided_at    timestamptz,
      reason        text,
      result        jsonb,
      CHECK ((status = 'pending') = (decided_at IS NULL) AND (status = 'pending') = (decided_by IS NULL)),
      CHECK (status <> 'approved' OR (decided_by <> requested_by AND result IS NOT NULL)),
      CHECK (status <> 'rejected' OR reason IS NOT NULL)
    );
    CREATE INDEX pending_changes_list_idx ON pending_changes (requested_at DESC, id DESC);
    CREATE INDEX pending_changes_status_idx ON pending_changes (status, requested_at DESC, id DESC);
    CREATE UNIQUE INDEX pending_changes_one_open_idx ON pending_changes (kind, target_id, (payload->>'effectiveFrom'))
      NULLS NOT DISTINCT WHERE status = 'pending' AND kind <> 'budget_funding';
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP TABLE pending_changes`);
}

// A pending change is decided once (four eyes): the service only ever decides a change that is
// still pending, and from now on the database refuses the rest too, for every role, so a decided
// change can never be decided again nor its payload changed after approval.
//
// The trigger's function is server/db/functions/pending_change_decided.sql, applied after the
// migrations (server/db/function-files.ts). A trigger needs its function to exist when it is
// made, so this migration makes a stand-in under that name that refuses every change of a decided
// row, and the file replaces its body; the stand-in fails closed should the file not be applied.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE FUNCTION pending_change_decided() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'pending change % is decided', OLD.id USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER pending_changes_decided_once BEFORE UPDATE ON pending_changes
      FOR EACH ROW EXECUTE FUNCTION pending_change_decided();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TRIGGER pending_changes_decided_once ON pending_changes;
    DROP FUNCTION pending_change_decided();
  `);
}

// The records that settle money are guarded in the database against every role, the owner's
// included (the app role's grants, server/db/database-roles.ts, are the first line): audit_log,
// decisions, statements, statement_lines and voucher_sessions can never be emptied; a statement
// or a session is never deleted; a statement's amounts and parties never change and a paid
// statement does not change at all; a session changes only once, when it is reversed.
import type { MigrationContext } from '../server/db/migrator.js';

const NEVER_EMPTIED = ['audit_log', 'decisions', 'statements', 'statement_lines', 'voucher_sessions'];

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ${NEVER_EMPTIED.map((table) => `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();`).join('\n    ')}
    CREATE TRIGGER statements_no_delete BEFORE DELETE ON statements FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER voucher_sessions_no_delete BEFORE DELETE ON voucher_sessions FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- Only the settling and paying columns move, and only while the statement is open. Compared
    -- as jsonb minus those columns, so a column added later is frozen without touching this.
    CREATE FUNCTION statement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      moving constant text[] := ARRAY['status', 'settle_transaction_id', 'pay_transaction_id', 'paid_at', 'paid_by'];
    BEGIN
      IF OLD.status = 'paid' THEN
        RAISE EXCEPTION 'statement % is paid and never changes', OLD.id USING ERRCODE = 'restrict_violation';
      END IF;
      IF (to_jsonb(NEW) - moving) IS DISTINCT FROM (to_jsonb(OLD) - moving) THEN
        RAISE EXCEPTION 'statement %: its amounts and parties never change', OLD.id USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER statements_guard BEFORE UPDATE ON statements FOR EACH ROW EXECUTE FUNCTION statement_guard();

    CREATE FUNCTION voucher_session_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      moving constant text[] := ARRAY['status', 'reversal_transaction_id', 'reversed_at'];
    BEGIN
      IF OLD.status <> 'recorded' OR (to_jsonb(NEW) - moving) IS DISTINCT FROM (to_jsonb(OLD) - moving) THEN
        RAISE EXCEPTION 'session % is % and changes only once, when it is reversed', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER voucher_sessions_guard BEFORE UPDATE ON voucher_sessions FOR EACH ROW EXECUTE FUNCTION voucher_session_guard();
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP TRIGGER voucher_sessions_guard ON voucher_sessions;
    DROP TRIGGER statements_guard ON statements;
    DROP FUNCTION voucher_session_guard(), statement_guard();
    DROP TRIGGER voucher_sessions_no_delete ON voucher_sessions;
    DROP TRIGGER statements_no_delete ON statements;
    ${NEVER_EMPTIED.map((table) => `DROP TRIGGER ${table}_no_truncate ON ${table};`).join('\n    ')}
  `);
}

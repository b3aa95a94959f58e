// Since issue 13 the audit log names a cheque by its id, never by its code: a code with its client
// number registers the cheque, and staff read the log. Entries written before (co-payment
// confirmations, entity_id = the code) still carry codes, and the log refuses every change, so
// this migration lifts that guard for the one statement, within its transaction, and writes the
// cheque's id wherever one of its codes stands: the entity id and anywhere in before and after.
//
// Codes are found by their shape (the programme's prefix, a dash and 10 Crockford base32
// characters, server/vouchers/voucher-codes.ts) and kept only when a cheque has that code. An
// entry naming several cheques loses one code per pass, so the statement repeats until none is left.
import type { Sequelize } from 'sequelize';
import type { MigrationContext } from '../server/db/migrator.js';

const CODE_SHAPE = '[A-Z0-9]{2,10}-[0-9A-HJKMNP-TV-Z]{10}';

export async function nameChequesById(sequelize: Sequelize) {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
       DO $$
       DECLARE renamed integer;
       BEGIN
         LOOP
           UPDATE audit_log a SET entity_id = replace(a.entity_id, named.code, named.cheque_id),
                                  before = replace(a.before::text, named.code, named.cheque_id)::jsonb,
                                  after = replace(a.after::text, named.code, named.cheque_id)::jsonb
           FROM (SELECT DISTINCT ON (entry.id) entry.id, v.code, v.id::text AS cheque_id
                 FROM audit_log entry
                 CROSS JOIN LATERAL regexp_matches(concat_ws(' ', entry.entity_id, entry.before::text, entry.after::text), '${CODE_SHAPE}', 'g') AS found(match)
                 JOIN vouchers v ON v.code = found.match[1]
                 ORDER BY entry.id) AS named
           WHERE a.id = named.id;
           GET DIAGNOSTICS renamed = ROW_COUNT;
           EXIT WHEN renamed = 0;
         END LOOP;
       END $$;
       ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
      { transaction },
    );
  });
}

export async function up({ sequelize }: MigrationContext) {
  await nameChequesById(sequelize);
}

// Nothing to undo: putting the codes back would hand them to whoever reads the log again.
export async function down() {}

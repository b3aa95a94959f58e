// Programmes become configuration (docs/design/programme-kinds.md): each has a kind that fixes
// its flow and names in Dutch and English; the tables stop naming programme codes, currencies
// and reference prefixes, which are data now. A currency is any ISO 4217 code (three capitals;
// the service checks it against the list it knows), a unit is HOUR or a currency. Existing
// programmes get their kind from what they hold: hours are cheques, money is a course grant
// (the only two kinds that existed). Courses are approved for one programme and carry the tags a
// credit lot may be restricted to; existing courses belong to the one course-grant programme.
import type { MigrationContext } from '../server/db/migrator.js';

const CURRENCY = `~ '^[A-Z]{3}$'`;
const REFERENCE = `'^[A-Z][A-Z0-9]{1,9}-[0-9A-HJKMNP-TV-Z]{10}$'`;

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE programmes
      ADD COLUMN kind text CHECK (kind IN ('hours_voucher', 'course_grant', 'accruing_account', 'credit_lots')),
      ADD COLUMN name_nl text,
      DROP CONSTRAINT programmes_unit_check,
      DROP CONSTRAINT programmes_currency_check,
      ADD CONSTRAINT programmes_currency_check CHECK (currency ${CURRENCY}),
      ADD CONSTRAINT programmes_unit_check CHECK (unit = 'HOUR' OR unit = currency);
    UPDATE programmes SET kind = CASE WHEN unit = 'HOUR' THEN 'hours_voucher' ELSE 'course_grant' END, name_nl = name;
    ALTER TABLE programmes ALTER COLUMN kind SET NOT NULL, ALTER COLUMN name_nl SET NOT NULL;
    ALTER TABLE programmes RENAME COLUMN name TO name_en;

    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_unit_check,
      ADD CONSTRAINT ledger_accounts_unit_check CHECK (unit = 'HOUR' OR unit ${CURRENCY});

    ALTER TABLE applications
      DROP CONSTRAINT applications_currency_check, ADD CONSTRAINT applications_currency_check CHECK (currency ${CURRENCY}),
      DROP CONSTRAINT applications_reference_check, ADD CONSTRAINT applications_reference_check CHECK (reference ~ ${REFERENCE});

    ALTER TABLE courses
      DROP CONSTRAINT courses_currency_check, ADD CONSTRAINT courses_currency_check CHECK (currency ${CURRENCY}),
      ADD COLUMN programme_code text REFERENCES programmes(code),
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20);
    UPDATE courses SET programme_code = (SELECT code FROM programmes WHERE kind = 'course_grant' ORDER BY code LIMIT 1);
    ALTER TABLE courses ALTER COLUMN programme_code SET NOT NULL;
    CREATE INDEX courses_programme_idx ON courses (programme_code, status);
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP INDEX courses_programme_idx;
    ALTER TABLE courses DROP COLUMN tags, DROP COLUMN programme_code,
      DROP CONSTRAINT courses_currency_check, ADD CONSTRAINT courses_currency_check CHECK (currency IN ('EUR', 'GBP'));
    ALTER TABLE applications
      DROP CONSTRAINT applications_reference_check,
      ADD CONSTRAINT applications_reference_check CHECK (reference ~ '^ITA-[0-9A-HJKMNP-TV-Z]{10}$'),
      DROP CONSTRAINT applications_currency_check, ADD CONSTRAINT applications_currency_check CHECK (currency IN ('EUR', 'GBP'));
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_unit_check,
      ADD CONSTRAINT ledger_accounts_unit_check CHECK (unit IN ('HOUR', 'EUR', 'GBP'));
    ALTER TABLE programmes RENAME COLUMN name_en TO name;
    ALTER TABLE programmes DROP COLUMN kind, DROP COLUMN name_nl,
      DROP CONSTRAINT programmes_unit_check, DROP CONSTRAINT programmes_currency_check,
      ADD CONSTRAINT programmes_unit_check CHECK (unit IN ('HOUR', 'EUR', 'GBP')),
      ADD CONSTRAINT programmes_currency_check CHECK (currency IN ('EUR', 'GBP'));
  `);
}

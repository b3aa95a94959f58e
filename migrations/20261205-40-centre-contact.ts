// A centre's contact details (issue 16, journey 3): the citizen's cheque lists the centres near
// them with an address, a phone number and a website. Each is optional (a centre registered before
// has none). The postcode is stored normalised (upper case, single spaces, none around it) so the
// cheque page can compare postcodes by their common prefix, Belgian and UK postcodes alike.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE centres
      ADD COLUMN address text CONSTRAINT centres_address_shape CHECK (length(address) BETWEEN 1 AND 200 AND address = btrim(address)),
      ADD COLUMN postcode text CONSTRAINT centres_postcode_shape CHECK (length(postcode) <= 10 AND postcode ~ '^[A-Z0-9]+([ -][A-Z0-9]+)*$'),
      ADD COLUMN municipality text
        CONSTRAINT centres_municipality_shape CHECK (length(municipality) BETWEEN 1 AND 100 AND municipality = btrim(municipality)),
      ADD COLUMN phone text CONSTRAINT centres_phone_shape CHECK (length(phone) <= 30 AND phone ~ '^\\+?[0-9]([0-9 ./()-]*[0-9])?$'),
      ADD COLUMN website text CONSTRAINT centres_website_shape CHECK (length(website) <= 300 AND website ~ '^https?://[^\\s/?#]+[^\\s]*$');
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE centres DROP COLUMN address, DROP COLUMN postcode, DROP COLUMN municipality, DROP COLUMN phone, DROP COLUMN website;
  `);
}

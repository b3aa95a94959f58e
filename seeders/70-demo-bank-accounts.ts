// Demo bank accounts, so a settlement of the demo programmes can be exported as a SEPA credit
// transfer file: an account for each demo centre (made-up account numbers with correct IBAN check
// digits) and an account to pay from for each euro programme seeded. Inserted only where none is
// set, so seeding twice changes nothing and never replaces an account an administrator set.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../server/db/database.js';
import type { SeedContext } from '../server/db/migrator.js';
import { ibanWithCheckDigits } from '../server/validation/bank-account.js';
import { DEMO_CENTRES } from './30-demo-centres.js';

/** Made-up account numbers (BBANs) of the demo centres, by enterprise number, with the bank's BIC. */
const CENTRE_ACCOUNTS: Record<string, { country: string; bban: string; bic: string }> = {
  '0456789133': { country: 'BE', bban: '001234567801', bic: 'GEBABEBB' },
  '0412345614': { country: 'BE', bban: '063123456702', bic: 'GKCCBEBB' },
  '0876543270': { country: 'BE', bban: '735012345603', bic: 'KREDBEBB' },
  SC612345: { country: 'GB', bban: 'BOFS80226012345678', bic: 'BOFSGB21' },
};

/** The euro programmes' accounts to pay centres from (a programme not seeded is skipped). */
const DEBTOR_ACCOUNTS = [
  { code: 'LBC', name: 'Vlaamse Dienst voor Arbeidsbemiddeling', bban: '091000123412', bic: 'GKCCBEBB', country: 'BE' },
  { code: 'CPA', name: 'Compte personnel de formation (demo)', bban: '20041010050500013M02606', bic: 'PSSTFRPP', country: 'FR' },
];

async function centreAccounts(sequelize: Sequelize) {
  for (const centre of DEMO_CENTRES) {
    const account = CENTRE_ACCOUNTS[centre.enterpriseNumber];
    if (!account) throw new Error(`no demo bank account for ${centre.name}`);
    await queryRows(
      sequelize,
      `INSERT INTO centre_bank_accounts (centre_id, iban, bic) SELECT id, $2, $3 FROM centres WHERE enterprise_number = $1
       ON CONFLICT (centre_id) DO NOTHING`,
      [centre.enterpriseNumber, ibanWithCheckDigits(account.country, account.bban), account.bic],
    );
  }
}

export async function up({ sequelize }: SeedContext) {
  await centreAccounts(sequelize);
  for (const debtor of DEBTOR_ACCOUNTS) {
    await queryRows(
      sequelize,
      `INSERT INTO programme_debtor_accounts (programme_code, name, iban, bic) SELECT code, $2, $3, $4 FROM programmes WHERE code = $1
       ON CONFLICT (programme_code) DO NOTHING`,
      [debtor.code, debtor.name, ibanWithCheckDigits(debtor.country, debtor.bban), debtor.bic],
    );
  }
}

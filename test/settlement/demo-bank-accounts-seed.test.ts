import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { parseIban } from '../../server/validation/bank-account.js';
import { DEMO_CENTRES, up as seedDemoCentres } from '../../seeders/30-demo-centres.js';
import { up as seedBankAccounts } from '../../seeders/70-demo-bank-accounts.js';
import { harness } from '../support/harness.js';

describe('seeders/70-demo-bank-accounts', () => {
  it('when seeded twice, then every demo centre and LBC have one valid account, and an account an administrator set is kept', async () => {
    const h = harness();
    const context = { sequelize: h.sequelize, config: h.config };
    await seedDemoCentres(context);
    const accounts = () =>
      queryRows<{ enterprise_number: string; iban: string; bic: string }>(
        h.sequelize,
        `SELECT c.enterprise_number, a.iban, a.bic FROM centre_bank_accounts a JOIN centres c ON c.id = a.centre_id
         WHERE c.enterprise_number = ANY($1) ORDER BY c.enterprise_number`,
        [DEMO_CENTRES.map((centre) => centre.enterpriseNumber)],
      );
    await seedBankAccounts(context);
    const once = await accounts();
    expect(once).to.have.length(DEMO_CENTRES.length);
    for (const account of once) expect(parseIban(account.iban), account.iban).to.deep.equal({ ok: true, value: account.iban });

    // An administrator replaces one account; seeding again leaves it as set.
    const [gent] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM centres WHERE enterprise_number = '0456789133'`);
    await queryRows(h.sequelize, `UPDATE centre_bank_accounts SET iban = 'BE68539007547034' WHERE centre_id = $1`, [gent!.id]);
    await seedBankAccounts(context);
    const twice = await accounts();
    expect(twice.find((account) => account.enterprise_number === '0456789133')!.iban).to.equal('BE68539007547034');
    expect(twice.filter((account) => account.enterprise_number !== '0456789133')).to.deep.equal(
      once.filter((account) => account.enterprise_number !== '0456789133'),
    );

    const [lbc] = await queryRows<{ iban: string; name: string }>(
      h.sequelize,
      `SELECT iban, name FROM programme_debtor_accounts WHERE programme_code = 'LBC'`,
    );
    expect(lbc!.name).to.equal('Vlaamse Dienst voor Arbeidsbemiddeling');
    expect(parseIban(lbc!.iban).ok).to.equal(true);
  });
});

import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { up as seedDemoBudget } from '../../seeders/50-demo-budget.js';
import { harness } from '../support/harness.js';

describe('demo budget seeder', () => {
  it('when it runs twice, then LBC and ITA are funded once each with their envelopes', async () => {
    await seedDemoBudget({ sequelize: harness().sequelize, config: harness().config });
    await seedDemoBudget({ sequelize: harness().sequelize, config: harness().config });
    const rows = await queryRows<{ key: string; amount: string; unit: string }>(
      harness().sequelize,
      `SELECT t.idempotency_key AS key, e.amount, e.unit FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
       WHERE t.idempotency_key LIKE 'seed:demo-budget:%' AND e.amount > 0 ORDER BY t.idempotency_key`,
    );
    expect(rows).to.deep.equal([
      { key: 'seed:demo-budget:ITA', amount: '3500000.00', unit: 'GBP' },
      { key: 'seed:demo-budget:LBC', amount: '18200000.00', unit: 'EUR' },
    ]);
  });
});

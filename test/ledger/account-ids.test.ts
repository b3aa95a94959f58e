import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../server/db/database.js';
import { openAccount, type AccountSpec } from '../../server/ledger/ledger-accounts.js';
import { harness } from '../support/harness.js';

const spec = (): AccountSpec => ({
  ownerType: 'test_cached',
  ownerId: randomUUID(),
  programmeCode: null,
  unit: 'EUR',
  mayGoNegative: false,
});
const exists = async (id: string) =>
  (await queryRows(harness().sequelize, `SELECT 1 FROM ledger_accounts WHERE id = $1`, [id])).length === 1;

describe('ledger account ids: remembered only once they are committed', () => {
  it('when an account is opened in a transaction that rolls back, then opening it again creates a real one', async () => {
    const { sequelize } = harness();
    const owner = spec();
    let firstId = '';
    await sequelize
      .transaction(async (t) => {
        firstId = await openAccount(sequelize, owner, t);
        // Asked again in the same transaction it is found, but still this transaction's own row.
        expect(await openAccount(sequelize, owner, t)).to.equal(firstId);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await exists(firstId)).to.equal(false);
    const secondId = await openAccount(sequelize, owner);
    expect(secondId).to.not.equal(firstId);
    expect(await exists(secondId)).to.equal(true);
  });

  it('when a committed account is asked for again, then it is the same id and the flag is still checked', async () => {
    const { sequelize } = harness();
    const owner = spec();
    const id = await openAccount(sequelize, owner);
    expect(await openAccount(sequelize, owner)).to.equal(id); // found committed: remembered
    expect(await sequelize.transaction((t) => openAccount(sequelize, owner, t))).to.equal(id); // served from memory
    try {
      await openAccount(sequelize, { ...owner, mayGoNegative: true });
      expect.fail('a second opening with another mayGoNegative must throw');
    } catch (error) {
      expect((error as Error).message).to.match(/exists with mayGoNegative=false/);
    }
  });
});

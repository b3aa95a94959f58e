import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { expectCursorsRefused, forgedIdCursors } from '../support/cursors.js';
import { harness } from '../support/harness.js';
import { grantedAccount, openSource, transfer } from './support/ledger-fixtures.js';

describe('ledger account reads (GET /v1/accounts/:id and /entries)', () => {
  it('when an auditor reads an account, then it shows owner, unit, balance, held and available', async () => {
    const { account } = await grantedAccount(harness().sequelize, '7.00');
    const auditor = await createActor(harness(), 'auditor');
    const res = await harness().http.get(`/v1/accounts/${account}`).set(auditor.auth).expect(200);
    expect(res.body).to.deep.include({ id: account, unit: 'HOUR', balance: '7.00', held: '0.00', available: '7.00', mayGoNegative: false });
    expect(res.body.owner.type).to.equal('test_entitlement');
  });

  it('when the entries are read, then they come newest first with the running balance, page by page', async () => {
    const { account } = await grantedAccount(harness().sequelize, '7.00');
    const centre = await openSource(harness().sequelize);
    await transfer(harness().sequelize, account, centre, '4.00');
    await transfer(harness().sequelize, account, centre, '1.25');
    const admin = await createActor(harness(), 'admin');
    const first = await harness().http.get(`/v1/accounts/${account}/entries?limit=2`).set(admin.auth).expect(200);
    expect(
      first.body.items.map((item: { kind: string; amount: string; balanceAfter: string }) => [item.kind, item.amount, item.balanceAfter]),
    ).to.deep.equal([
      ['redeem', '-1.25', '1.75'],
      ['redeem', '-4.00', '3.00'],
    ]);
    expect(first.body.nextCursor).to.be.a('string');
    const second = await harness()
      .http.get(`/v1/accounts/${account}/entries?limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body.items.map((item: { kind: string; balanceAfter: string }) => [item.kind, item.balanceAfter])).to.deep.equal([
      ['grant', '7.00'],
    ]);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('when the account does not exist, then it answers 404; a bad id or cursor answers 400', async () => {
    const admin = await createActor(harness(), 'admin');
    await harness().http.get('/v1/accounts/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    await harness().http.get('/v1/accounts/not-a-uuid').set(admin.auth).expect(400);
    const { account } = await grantedAccount(harness().sequelize, '1.00');
    await harness().http.get(`/v1/accounts/${account}/entries?cursor=garbage`).set(admin.auth).expect(400);
  });

  it('when the entries cursor is well-formed but not an id this service issued, then 400 naming /query/cursor, never a 500', async () => {
    const admin = await createActor(harness(), 'admin');
    const { account } = await grantedAccount(harness().sequelize, '1.00');
    await expectCursorsRefused(forgedIdCursors, (cursor) =>
      harness().http.get(`/v1/accounts/${account}/entries?cursor=${cursor}`).set(admin.auth),
    );
  });

  it('when a citizen or centre reads an account, then it answers 403', async () => {
    const { account } = await grantedAccount(harness().sequelize, '1.00');
    const citizen = await createActor(harness(), 'citizen');
    await harness().http.get(`/v1/accounts/${account}`).set(citizen.auth).expect(403);
  });
});

import { expect } from 'chai';
import { accountBalance } from '../../server/ledger/ledger-accounts.js';
import { captureHold, expireHolds, holdStatus, placeHold, releaseHold } from '../../server/ledger/ledger-holds.js';
import { entitlementBalance } from '../../server/ledger/ledger-read.js';
import { idempotencyKey } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { d, grantedAccount, openSource, refusal, TODAY, transfer } from './support/ledger-fixtures.js';

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('ledger holds', () => {
  const sequelize = () => harness().sequelize;

  it('when part of a balance is held, then available drops and the balance does not', async () => {
    const { account } = await grantedAccount(sequelize(), '200.00', 'GBP');
    await placeHold(sequelize(), { accountId: account, amount: d('150.00'), expiresAt: inAnHour() });
    const balance = await accountBalance(sequelize(), account);
    expect([balance.balance.toFixed(2), balance.held.toFixed(2), balance.available.toFixed(2)]).to.deep.equal([
      '200.00',
      '150.00',
      '50.00',
    ]);
  });

  it('when a hold exceeds what is available, then it is refused', async () => {
    const { account } = await grantedAccount(sequelize(), '10.00', 'GBP');
    await placeHold(sequelize(), { accountId: account, amount: d('6.00'), expiresAt: inAnHour() });
    expect(await refusal(placeHold(sequelize(), { accountId: account, amount: d('4.01'), expiresAt: inAnHour() }))).to.equal(
      'insufficient_balance',
    );
  });

  it('when a debit would eat into held value, then it is refused', async () => {
    const { account } = await grantedAccount(sequelize(), '10.00', 'GBP');
    await placeHold(sequelize(), { accountId: account, amount: d('8.00'), expiresAt: inAnHour() });
    expect(await refusal(transfer(sequelize(), account, await openSource(sequelize(), 'GBP'), '2.01'))).to.equal('insufficient_balance');
  });

  it('when part of a hold is captured, then that part moves and the rest is free again', async () => {
    const { account } = await grantedAccount(sequelize(), '200.00', 'GBP');
    const provider = await openSource(sequelize(), 'GBP');
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('200.00'), expiresAt: inAnHour() });
    const captured = await captureHold(sequelize(), {
      holdId: hold.holdId,
      amount: d('120.00'),
      toAccountId: provider,
      businessDate: TODAY,
      now: new Date(),
    });
    expect(captured.entries.find((e) => e.accountId === account)?.balanceAfter.toFixed(2)).to.equal('80.00');
    const balance = await accountBalance(sequelize(), account);
    expect([balance.balance.toFixed(2), balance.held.toFixed(2), balance.available.toFixed(2)]).to.deep.equal(['80.00', '0.00', '80.00']);
    expect((await holdStatus(sequelize(), hold.holdId))?.status).to.equal('captured');
    const derived = await entitlementBalance(sequelize(), [account]);
    expect([derived.granted, derived.used, derived.reserved, derived.available].map((x) => x.toFixed(2))).to.deep.equal([
      '200.00',
      '120.00',
      '0.00',
      '80.00',
    ]);
  });

  it('when a hold is resolved, then capturing or releasing it again answers hold_resolved', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('2.00'), expiresAt: inAnHour() });
    await releaseHold(sequelize(), hold.holdId);
    expect(await refusal(releaseHold(sequelize(), hold.holdId))).to.equal('hold_resolved');
    const capture = captureHold(sequelize(), {
      holdId: hold.holdId,
      amount: d('1.00'),
      toAccountId: await openSource(sequelize()),
      businessDate: TODAY,
      now: new Date(),
    });
    expect(await refusal(capture)).to.equal('hold_resolved');
    expect((await accountBalance(sequelize(), account)).available.toFixed(2)).to.equal('5.00');
  });

  it('when a capture asks for more than the hold, then it is refused and the hold stays open', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('2.00'), expiresAt: inAnHour() });
    const capture = captureHold(sequelize(), {
      holdId: hold.holdId,
      amount: d('2.50'),
      toAccountId: await openSource(sequelize()),
      businessDate: TODAY,
      now: new Date(),
    });
    expect(await refusal(capture)).to.equal('capture_exceeds_hold');
    expect((await holdStatus(sequelize(), hold.holdId))?.status).to.equal('open');
  });

  it('when a capture is retried with its key, then the first capture answers', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const provider = await openSource(sequelize());
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('2.00'), expiresAt: inAnHour() });
    const key = idempotencyKey();
    const request = {
      holdId: hold.holdId,
      amount: d('2.00'),
      toAccountId: provider,
      businessDate: TODAY,
      now: new Date(),
      idempotencyKey: key,
    };
    const first = await captureHold(sequelize(), request);
    const again = await captureHold(sequelize(), request);
    expect(again).to.include({ transactionId: first.transactionId, replayed: true });
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('3.00');
  });

  it('when a hold is placed twice with one key, then there is one hold', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const request = { accountId: account, amount: d('2.00'), expiresAt: inAnHour(), idempotencyKey: idempotencyKey() };
    const first = await placeHold(sequelize(), request);
    const again = await placeHold(sequelize(), request);
    expect(again).to.include({ holdId: first.holdId, replayed: true });
    expect((await accountBalance(sequelize(), account)).held.toFixed(2)).to.equal('2.00');
    expect(await refusal(placeHold(sequelize(), { ...request, amount: d('1.00') }))).to.equal('idempotency_key_reused');
  });

  it('when a hold passes its deadline, then expiry frees it and only it', async () => {
    const { account } = await grantedAccount(sequelize(), '5.00');
    const due = await placeHold(sequelize(), { accountId: account, amount: d('1.00'), expiresAt: new Date(Date.now() - 1000) });
    const later = await placeHold(sequelize(), { accountId: account, amount: d('2.00'), expiresAt: inAnHour() });
    const expired = await expireHolds(sequelize(), new Date());
    expect(expired).to.include(due.holdId);
    expect(expired).not.to.include(later.holdId);
    expect((await holdStatus(sequelize(), due.holdId))?.status).to.equal('expired');
    expect((await accountBalance(sequelize(), account)).held.toFixed(2)).to.equal('2.00');
  });

  it('when a hold is captured after its deadline, before any expiry run freed it, then 409 hold_expired and nothing moves', async () => {
    const { account } = await grantedAccount(sequelize(), '50.00', 'GBP');
    const provider = await openSource(sequelize(), 'GBP');
    const deadline = inAnHour();
    const hold = await placeHold(sequelize(), { accountId: account, amount: d('30.00'), expiresAt: deadline });
    const late = new Date(deadline.getTime() + 1000);
    const capture = captureHold(sequelize(), {
      holdId: hold.holdId,
      amount: d('30.00'),
      toAccountId: provider,
      businessDate: TODAY,
      now: late,
    });
    expect(await refusal(capture)).to.equal('hold_expired');
    expect((await holdStatus(sequelize(), hold.holdId))?.status).to.equal('open');
    expect((await accountBalance(sequelize(), account)).balance.toFixed(2)).to.equal('50.00');
    const inTime = new Date(deadline.getTime() - 1000);
    await captureHold(sequelize(), { holdId: hold.holdId, amount: d('30.00'), toAccountId: provider, businessDate: TODAY, now: inTime });
    expect((await holdStatus(sequelize(), hold.holdId))?.status).to.equal('captured');
  });
});

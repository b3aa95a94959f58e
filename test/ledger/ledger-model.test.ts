// Property: any sequence of grants, holds, captures, releases, expiries, redemptions and
// reversals leaves the ledger exactly where a simple in-memory model (integer cents) says, every
// refusal is the one the model predicts, and verify agrees.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { accountBalance } from '../../server/ledger/ledger-accounts.js';
import { captureHold, expireHolds, holdStatus, placeHold, releaseHold } from '../../server/ledger/ledger-holds.js';
import { reverseTransaction } from '../../server/ledger/ledger-postings.js';
import { entitlementBalance } from '../../server/ledger/ledger-read.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { harness } from '../support/harness.js';
import { openGuarded, openSource, refusal, TODAY, transfer } from './support/ledger-fixtures.js';

type Op =
  | { op: 'grant'; cents: number }
  | { op: 'redeem'; cents: number }
  | { op: 'hold'; cents: number; due: boolean }
  | { op: 'capture'; pick: number; cents: number }
  | { op: 'release'; pick: number }
  | { op: 'expire' }
  | { op: 'reverse'; pick: number };

const cents = fc.integer({ min: 1, max: 2000 });
const pick = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('grant' as const), cents }),
  fc.record({ op: fc.constant('redeem' as const), cents }),
  fc.record({ op: fc.constant('hold' as const), cents, due: fc.boolean() }),
  fc.record({ op: fc.constant('capture' as const), pick, cents }),
  fc.record({ op: fc.constant('release' as const), pick }),
  fc.constant({ op: 'expire' as const }),
  fc.record({ op: fc.constant('reverse' as const), pick }),
);

type ModelHold = { id: string; amount: bigint; status: 'open' | 'captured' | 'released' | 'expired'; due: boolean };
type ModelTx = { id: string; kind: string; entDelta: bigint; reversed: boolean };

const amount = (c: bigint | number) => new Decimal(c.toString()).div(100);
const toCents = (value: Decimal) => BigInt(value.mul(100).toFixed(0));

describe('ledger against an in-memory model (property-based)', function () {
  this.timeout(120_000);

  it('when random operations run, then balances, refusals and verify agree with the model', async () => {
    const sequelize = harness().sequelize;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const [source, ent, centre] = await Promise.all([openSource(sequelize), openGuarded(sequelize), openSource(sequelize)]);
        let balance = 0n;
        let granted = 0n;
        let used = 0n;
        const holds: ModelHold[] = [];
        const txs: ModelTx[] = [];
        const held = () => holds.filter((h) => h.status === 'open').reduce((sum, h) => sum + h.amount, 0n);
        const available = () => balance - held();

        for (const op of ops) {
          if (op.op === 'grant') {
            const posted = await transfer(sequelize, source, ent, amount(op.cents).toFixed(2), 'grant');
            txs.push({ id: posted.transactionId, kind: 'grant', entDelta: BigInt(op.cents), reversed: false });
            balance += BigInt(op.cents);
            granted += BigInt(op.cents);
          } else if (op.op === 'redeem') {
            const outcome = await refusal(transfer(sequelize, ent, centre, amount(op.cents).toFixed(2), 'redeem'));
            const fits = available() >= BigInt(op.cents);
            expect(outcome).to.equal(fits ? 'resolved' : 'insufficient_balance');
            if (fits) {
              const [last] = await lastTransaction(ent);
              txs.push({ id: last!, kind: 'redeem', entDelta: -BigInt(op.cents), reversed: false });
              balance -= BigInt(op.cents);
              used += BigInt(op.cents);
            }
          } else if (op.op === 'hold') {
            const fits = available() >= BigInt(op.cents);
            const expiresAt = new Date(Date.now() + (op.due ? -60_000 : 3_600_000));
            const outcome = placeHold(sequelize, { accountId: ent, amount: amount(op.cents), expiresAt });
            if (fits) holds.push({ id: (await outcome).holdId, amount: BigInt(op.cents), status: 'open', due: op.due });
            else expect(await refusal(outcome)).to.equal('insufficient_balance');
          } else if (op.op === 'capture' || op.op === 'release') {
            const hold = holds[op.pick % Math.max(holds.length, 1)];
            if (!hold) continue;
            if (op.op === 'release') {
              expect(await refusal(releaseHold(sequelize, hold.id))).to.equal(hold.status === 'open' ? 'resolved' : 'hold_resolved');
              if (hold.status === 'open') hold.status = 'released';
              continue;
            }
            const take = (BigInt(op.cents - 1) % hold.amount) + 1n;
            const outcome = captureHold(sequelize, {
              holdId: hold.id,
              amount: amount(take),
              toAccountId: centre,
              businessDate: TODAY,
              now: new Date(),
            });
            if (hold.status !== 'open') {
              expect(await refusal(outcome)).to.equal('hold_resolved');
              continue;
            }
            // Past its deadline a hold cannot be captured, even before an expiry run frees it.
            if (hold.due) {
              expect(await refusal(outcome)).to.equal('hold_expired');
              continue;
            }
            txs.push({ id: (await outcome).transactionId, kind: 'capture', entDelta: -take, reversed: false });
            hold.status = 'captured';
            balance -= take;
            used += take;
          } else if (op.op === 'expire') {
            const expired = await expireHolds(sequelize, new Date(), 10_000);
            for (const hold of holds.filter((h) => h.status === 'open' && h.due)) {
              expect(expired).to.include(hold.id);
              hold.status = 'expired';
            }
          } else {
            const tx = txs[op.pick % Math.max(txs.length, 1)];
            if (!tx) continue;
            const outcome = refusal(reverseTransaction(sequelize, { transactionId: tx.id, reason: 'model', businessDate: TODAY }));
            const expected =
              tx.kind === 'reversal'
                ? 'reversal_not_reversible'
                : tx.reversed
                  ? 'already_reversed'
                  : available() - tx.entDelta >= 0n
                    ? 'resolved'
                    : 'insufficient_balance';
            expect(await outcome).to.equal(expected);
            if (expected !== 'resolved') continue;
            tx.reversed = true;
            balance -= tx.entDelta;
            if (tx.kind === 'grant') granted += -tx.entDelta;
            else used += tx.entDelta;
            const [last] = await lastTransaction(ent);
            txs.push({ id: last!, kind: 'reversal', entDelta: -tx.entDelta, reversed: false });
          }
        }

        const actual = await accountBalance(sequelize, ent);
        expect([toCents(actual.balance), toCents(actual.held), toCents(actual.available)]).to.deep.equal([balance, held(), available()]);
        const derived = await entitlementBalance(sequelize, [ent]);
        expect([toCents(derived.granted), toCents(derived.used), toCents(derived.reserved), toCents(derived.available)]).to.deep.equal([
          granted,
          used,
          held(),
          available(),
        ]);
        for (const hold of holds) expect((await holdStatus(sequelize, hold.id))?.status).to.equal(hold.status);
      }),
      { numRuns: 40 },
    );
    const report = await verifyLedger(sequelize);
    expect(report.checks.filter((check) => check.violations.length > 0)).to.deep.equal([]);
  });
});

async function lastTransaction(accountId: string) {
  const rows = await harness().sequelize.query(`SELECT transaction_id FROM ledger_entries WHERE account_id = $1 ORDER BY id DESC LIMIT 1`, {
    bind: [accountId],
    raw: true,
  });
  return (rows[0] as { transaction_id: string }[]).map((row) => row.transaction_id);
}

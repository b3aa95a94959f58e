// Lanes of places and money (migration 11), at the database: caps that add up to the target,
// refills in chunks, and exactness when the money is spread over lanes; the target a claim is held
// to is the one in force when it takes its place, also while the target changes (migration 18).
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import { queryRows } from '../../server/db/database.js';
import { isRefusal } from '../../server/db/refusal.js';
import { openAccount } from '../../server/ledger/ledger-accounts.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { harness, type Harness } from '../support/harness.js';
import { blockedBy } from '../support/lock-waits.js';
import { createTestProgramme } from './support/test-programme.js';

const ON = '2026-06-01';
const LANES = 8;

const takeLanePlace = (h: Harness, code: string, target: number | null, first: number) =>
  h.sequelize.transaction(async (t) => {
    const [row] = await queryRows<{ lane: number | null }>(
      h.sequelize,
      `SELECT programme_take_lane_place($1, $2, $3, $4, $5) AS lane`,
      [code, ON, target, LANES, first],
      {
        transaction: t,
      },
    );
    return row!.lane !== null;
  });

/** A claim's place under the target in force on ON, as the ITA claim takes it; in `transaction` when given (left open). */
async function takePlaceInForce(h: Harness, code: string, first: number, transaction?: Transaction) {
  const take = async (t: Transaction) => {
    const [row] = await queryRows<{ lane: number | null }>(
      h.sequelize,
      `SELECT lane FROM programme_take_place_in_force($1, $2, $2, $3, $4)`,
      [code, ON, LANES, first],
      {
        transaction: t,
      },
    );
    return row!.lane !== null;
  };
  return transaction ? take(transaction) : h.sequelize.transaction(take);
}

/** An administrator's new parameter version from ON, in `transaction` when given (left open). */
const lowerTarget = (h: Harness, code: string, placesTarget: number, transaction?: Transaction) => {
  const insert = (t: Transaction) =>
    queryRows(
      h.sequelize,
      `INSERT INTO programme_parameters (programme_code, effective_from, "values", note) VALUES ($1, $2, $3::jsonb, 'lowered')`,
      [code, ON, JSON.stringify({ placesTarget })],
      {
        transaction: t,
      },
    );
  return transaction ? insert(transaction) : h.sequelize.transaction(insert);
};

const placesTaken = async (h: Harness, code: string) =>
  (
    await queryRows<{ taken: number }>(h.sequelize, `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1`, [
      code,
    ])
  )[0]!.taken;

/** Draws `amount` in lane `lane` (as a refill or not) and grants it to a fresh sink account; the answer, or the refusal's code. */
async function grantInLane(h: Harness, code: string, amount: string, lane: number, refill: boolean): Promise<string> {
  try {
    await h.sequelize.transaction(async (t: Transaction) => {
      const [row] = await queryRows<{ source: string }>(
        h.sequelize,
        `SELECT programme_budget_draw($1, 'GBP', $2, $3, $4, $5, $6) AS source`,
        [code, amount, LANES, lane, refill, ON],
        {
          transaction: t,
        },
      );
      const sink = await openAccount(
        h.sequelize,
        { ownerType: 'test_sink', ownerId: `${code}:${Math.random()}`, programmeCode: code, unit: 'GBP', mayGoNegative: false },
        t,
      );
      await postTransaction(
        h.sequelize,
        {
          kind: 'grant',
          businessDate: ON,
          entries: [
            { accountId: row!.source, amount: new Decimal(amount).negated() },
            { accountId: sink, amount: new Decimal(amount) },
          ],
        },
        t,
      );
    });
    return 'granted';
  } catch (error) {
    for (const code of ['lane_short', 'budget_spent']) if (isRefusal(error, code)) return code;
    throw error;
  }
}

const laneBalances = async (h: Harness, code: string) =>
  queryRows<{ owner_id: string; balance: string }>(
    h.sequelize,
    `SELECT owner_id, balance FROM ledger_accounts WHERE owner_type = 'programme_budget_lane' AND programme_code = $1 ORDER BY owner_id`,
    [code],
  );

describe('budget lanes', () => {
  afterEach(async () => {
    expect((await verifyLedger(harness().sequelize)).ok).to.equal(true);
  });

  it('when a target of 10 is split over 8 lanes and every claim prefers lane 0, then 10 places are taken in all, lane caps kept', async () => {
    const h = harness();
    const code = await createTestProgramme(h, {});
    const taken = [];
    for (let i = 0; i < 11; i++) taken.push(await takeLanePlace(h, code, 10, 0));
    expect(taken.filter(Boolean)).to.have.length(10);
    expect(taken[10]).to.equal(false);
    const lanes = await queryRows<{ lane: number; taken: number }>(
      h.sequelize,
      `SELECT lane, taken FROM programme_places WHERE programme_code = $1 ORDER BY lane`,
      [code],
    );
    expect(lanes.map((lane) => lane.taken)).to.deep.equal([2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('when 50 claims in random lanes race for a target of 20 places, then exactly 20 get one', async () => {
    const h = harness();
    const code = await createTestProgramme(h, {});
    const taken = await Promise.all(Array.from({ length: 50 }, (_, i) => takeLanePlace(h, code, 20, i % LANES)));
    expect(taken.filter(Boolean)).to.have.length(20);
    const [sum] = await queryRows<{ taken: number }>(
      h.sequelize,
      `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1`,
      [code],
    );
    expect(sum!.taken).to.equal(20);
  });

  it('when the target is lowered below what the lanes were allowed, then the places taken in all lanes stop at the new target', async () => {
    const h = harness();
    const code = await createTestProgramme(h, {});
    // 16 over 8 lanes: 2 a lane. 12 places: one in each lane, a second in lanes 4-7.
    for (let i = 0; i < 12; i++) expect(await takeLanePlace(h, code, 16, i < LANES ? i : i - 4)).to.equal(true);
    // Lowered to 13: lanes 0-3 still hold one place under their old share, but only one place is left in all.
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => takeLanePlace(h, code, 13, i % LANES)));
    expect(after.filter(Boolean)).to.have.length(1);
    expect(await takeLanePlace(h, code, 13, 0)).to.equal(false);
    // Raised to 15: two more, wherever they land.
    const raised = await Promise.all(Array.from({ length: 6 }, (_, i) => takeLanePlace(h, code, 15, i)));
    expect(raised.filter(Boolean)).to.have.length(2);
    const [sum] = await queryRows<{ taken: number }>(
      h.sequelize,
      `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1`,
      [code],
    );
    expect(sum!.taken).to.equal(15);
  });

  it('when the target is lowered while a claim holds a place it took under the old target, then the lowering waits for that claim and later claims are held to it', async () => {
    const h = harness();
    const code = await createTestProgramme(h, { placesTarget: 3 });
    for (let i = 0; i < 2; i++) expect(await takePlaceInForce(h, code, i)).to.equal(true);
    const { lowering } = await h.sequelize.transaction(async (claim) => {
      expect(await takePlaceInForce(h, code, 2, claim)).to.equal(true); // the third place, target 3 in force
      const lowering = lowerTarget(h, code, 2);
      await blockedBy(h.sequelize, claim); // so the lowering cannot commit before this claim, funded under 3
      return { lowering };
    });
    await lowering;
    expect(await takePlaceInForce(h, code, 3)).to.equal(false);
    expect(await placesTaken(h, code)).to.equal(3);
  });

  it('when a claim comes while a lowering of the target is being written, then it waits for the lowering and is held to the lowered target', async () => {
    const h = harness();
    const code = await createTestProgramme(h, { placesTarget: 3 });
    for (let i = 0; i < 2; i++) expect(await takePlaceInForce(h, code, i)).to.equal(true);
    const { claim } = await h.sequelize.transaction(async (lowering) => {
      await lowerTarget(h, code, 2, lowering);
      const claim = takePlaceInForce(h, code, 2);
      await blockedBy(h.sequelize, lowering); // so the claim cannot read the target before the lowering commits
      return { claim };
    });
    expect(await claim).to.equal(false);
    expect(await placesTaken(h, code)).to.equal(2);
  });

  it('when money is drawn in lanes, then a short lane asks for a refill, refills spread the budget evenly, and the last penny is found', async () => {
    const h = harness();
    const code = await createTestProgramme(h, {});
    await fundBudget(h.sequelize, {
      code,
      amount: new Decimal('1000.00'),
      note: 'lanes test',
      businessDate: ON,
      actor: { userId: null, role: 'system' },
    });
    const lanes = async () => (await laneBalances(h, code)).map((lane) => lane.balance);
    expect(await grantInLane(h, code, '300.00', 0, false)).to.equal('lane_short'); // an empty lane never waits for money
    // An even share (1000 / 8 = 125) would not fund 300: the grant comes from the budget account.
    expect(await grantInLane(h, code, '300.00', 0, true)).to.equal('granted');
    expect(await lanes()).to.deep.equal(Array(8).fill('0.00'));
    // 700 spread over 8 lanes: 87.50 each; lane 2 funds 50 and then 30 without a refill.
    expect(await grantInLane(h, code, '50.00', 2, true)).to.equal('granted');
    expect(await grantInLane(h, code, '30.00', 2, false)).to.equal('granted');
    expect(await lanes()).to.deep.equal(['87.50', '87.50', '7.50', '87.50', '87.50', '87.50', '87.50', '87.50']);
    // 620 left: a share (77.50) would not fund 100, so everything goes back and funds it.
    expect(await grantInLane(h, code, '100.00', 5, true)).to.equal('granted');
    expect(await lanes()).to.deep.equal(Array(8).fill('0.00'));
    expect((await programmeBudget(h.sequelize, code)).remaining.toFixed(2)).to.equal('520.00');
    expect(await grantInLane(h, code, '520.01', 6, true)).to.equal('budget_spent');
    expect(await grantInLane(h, code, '520.00', 6, true)).to.equal('granted');
    const budget = await programmeBudget(h.sequelize, code);
    expect([budget.remaining.toFixed(2), budget.committed.toFixed(2)]).to.deep.equal(['0.00', '1000.00']);
  });

  it('when the money sits in lanes that cannot fund a claim alone, then the claim gathers it and is funded to the last penny', async () => {
    const h = harness();
    const code = await createTestProgramme(h, {});
    await fundBudget(h.sequelize, {
      code,
      amount: new Decimal('800.00'),
      note: 'lanes test',
      businessDate: ON,
      actor: { userId: null, role: 'system' },
    });
    expect(await grantInLane(h, code, '10.00', 0, true)).to.equal('granted'); // 100 in each lane, 90 left in lane 0
    for (let lane = 1; lane < LANES; lane++) expect(await grantInLane(h, code, '60.00', lane, false)).to.equal('granted');
    // 90 in lane 0 and 40 in each of lanes 1-7: 370 in all, but lane 3 cannot fund 95 alone.
    expect(await grantInLane(h, code, '95.00', 3, false)).to.equal('lane_short');
    expect(await grantInLane(h, code, '95.00', 3, true)).to.equal('granted'); // a share, 370 / 8 = 46.25, is short: all back to the budget
    expect((await programmeBudget(h.sequelize, code)).remaining.toFixed(2)).to.equal('275.00');
    expect(await grantInLane(h, code, '275.00', 7, true)).to.equal('granted');
    expect((await programmeBudget(h.sequelize, code)).remaining.toFixed(2)).to.equal('0.00');
  });
});

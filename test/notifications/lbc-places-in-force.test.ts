// An LBC claim takes its place the way an ITA claim does (programme_take_place_in_force, in one
// lane): the places target and the closing date it is held to are those in force when it takes
// the place, also while an administrator changes them, even though the claim read the parameters
// earlier in its transaction. Deterministic interleavings: one side holds its lock until the
// other is seen waiting for it (test/support/lock-waits.ts).
import { expect } from 'chai';
import type { Transaction } from 'sequelize';
import { queryRows } from '../../server/db/database.js';
import { AppError } from '../../server/errors.js';
import { assertProgrammeOpen, placesLeft } from '../../server/programmes/budget-guard.js';
import { harness, type Harness } from '../support/harness.js';
import { blockedBy } from '../support/lock-waits.js';
import { createTestProgramme } from './support/test-programme.js';

const ON = '2026-06-01';

/** An LBC-style claim: the parameters read first (as lbc-grant.ts reads them), the place taken after; its refusal reason or 'granted'. */
async function claim(h: Harness, code: string, values: Record<string, unknown>, transaction?: Transaction): Promise<string> {
  const take = (t: Transaction) => assertProgrammeOpen(h.sequelize, code, ON, t, values);
  try {
    await (transaction ? take(transaction) : h.sequelize.transaction(take));
    return 'granted';
  } catch (error) {
    if (error instanceof AppError) return String(error.extra.reason);
    throw error;
  }
}

/** An administrator's new parameter version from ON, in `transaction` (left open). */
const changeParameters = (h: Harness, code: string, values: Record<string, unknown>, transaction: Transaction) =>
  queryRows(
    h.sequelize,
    `INSERT INTO programme_parameters (programme_code, effective_from, "values", note) VALUES ($1, $2, $3::jsonb, 'changed in flight')`,
    [code, ON, JSON.stringify(values)],
    { transaction },
  );

describe('LBC places and closing date in force while they change', () => {
  it('when the target is lowered while an LBC claim holds a place under the old target, then the lowering waits for it and later claims are held to the lowered target', async () => {
    const h = harness();
    const old = { placesTarget: 3, closingDate: null };
    const code = await createTestProgramme(h, old);
    for (let i = 0; i < 2; i++) expect(await claim(h, code, old)).to.equal('granted');
    const lowering = await h.sequelize.transaction(async (t) => {
      expect(await claim(h, code, old, t)).to.equal('granted'); // the third place, target 3 in force
      const lowered = h.sequelize.transaction((change) => changeParameters(h, code, { placesTarget: 2, closingDate: null }, change));
      await blockedBy(h.sequelize, t); // the lowering cannot commit before this claim, granted under 3
      return { lowered };
    });
    await lowering.lowered;
    expect(await claim(h, code, old)).to.equal('places_target_reached');
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(0);
  });

  it('when an LBC claim that read the old target comes while a lowering is being written, then it waits and is held to the lowered target', async () => {
    const h = harness();
    const old = { placesTarget: 3, closingDate: null };
    const code = await createTestProgramme(h, old);
    for (let i = 0; i < 2; i++) expect(await claim(h, code, old)).to.equal('granted');
    const { late } = await h.sequelize.transaction(async (change) => {
      await changeParameters(h, code, { placesTarget: 2, closingDate: null }, change);
      const late = claim(h, code, old); // read target 3 before the lowering commits
      await blockedBy(h.sequelize, change);
      return { late };
    });
    expect(await late).to.equal('places_target_reached');
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(0);
  });

  it('when the closing date is moved before today while an LBC claim that read the old one is in flight, then the claim is refused with closing_date_passed and takes no place', async () => {
    const h = harness();
    const open = { placesTarget: 5, closingDate: '2026-12-31' };
    const code = await createTestProgramme(h, open);
    const { late } = await h.sequelize.transaction(async (change) => {
      await changeParameters(h, code, { placesTarget: 5, closingDate: '2026-05-31' }, change);
      const late = claim(h, code, open);
      await blockedBy(h.sequelize, change);
      return { late };
    });
    expect(await late).to.equal('closing_date_passed');
    const [row] = await queryRows<{ taken: number }>(
      h.sequelize,
      `SELECT coalesce(sum(taken), 0)::integer AS taken FROM programme_places WHERE programme_code = $1`,
      [code],
    );
    expect(row!.taken).to.equal(0);
  });
});

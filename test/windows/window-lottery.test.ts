// Lottery windows (issue 15, point 6): inside the window an eligible citizen's claim is an entry
// (202, no money held, one per citizen and window); after it closes the entries are drawn once, in
// an order reproducible from the recorded seed, and funded exactly to the window's budget.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { drawOrder } from '../../server/applications/windows/window-terms.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { providerOf } from '../applications/course-grant-fixtures.js';
import { itaCitizen, expectLedgerOk, setToday } from '../applications/ita-fixtures.js';
import { citizens, drawNow, enter, openWindowed, readDraw } from './window-fixtures.js';

const lottery = (budget: string) => ({
  id: 'spring',
  opensOn: '2026-03-01',
  closesOn: '2026-03-31',
  budget,
  allocation: 'lottery' as const,
});

describe('lottery windows', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-03-10'));
  afterEach(() => expectLedgerOk(h));

  it('when an eligible citizen claims inside a lottery window, then an entry is recorded (202), no money is held, and a replay answers the same', async () => {
    const { programme, course } = await openWindowed(h, [lottery('900.00')]);
    const before = await programmeBudget(h.sequelize, programme.code);
    const citizen = await itaCitizen(h);
    const key = idempotencyKey();

    const res = await enter(h, programme.code, citizen.actor, course.id, key);
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expect(res.body).to.include({ window: 'spring', status: 'entered', enteredOn: '2026-03-10', windowClosesOn: '2026-03-31' });
    expect(res.body.fundedAmount).to.deep.equal({ amount: '300.00', currency: 'EUR' });
    expect(res.body.decision).to.include({ eligible: true, programme: programme.code });
    const replay = await enter(h, programme.code, citizen.actor, course.id, key);
    expect(replay.status).to.equal(202);
    expect(replay.body.id).to.equal(res.body.id);
    expect(replay.headers['idempotent-replayed']).to.equal('true');

    const again = await enter(h, programme.code, citizen.actor, course.id);
    expect(again.status, JSON.stringify(again.body)).to.equal(409);
    expect(again.body).to.include({ code: 'already_entered', window: 'spring', entryId: res.body.id });
    const after = await programmeBudget(h.sequelize, programme.code);
    expect(after.remaining.toFixed(2)).to.equal(before.remaining.toFixed(2));
  });

  it('when a citizen who is not eligible claims inside a lottery window, then 422 not_eligible and no entry', async () => {
    const { programme, course } = await openWindowed(h, [lottery('900.00')]);
    const student = await itaCitizen(h, { inFullTimeEducation: true });
    const res = await enter(h, programme.code, student.actor, course.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    const rows = await queryRows(h.sequelize, `SELECT 1 FROM window_entries WHERE programme_code = $1`, [programme.code]);
    expect(rows).to.have.length(0);
  });

  it('when 40 citizens enter at once and the window funds 13, then the draw funds exactly 13 in the order of its seed, and the seed gives it again', async () => {
    const { programme, course } = await openWindowed(h, [lottery('3900.00')]);
    const entrants = await citizens(h, 40);
    const answers = await Promise.all(entrants.map((citizen) => enter(h, programme.code, citizen.actor, course.id)));
    expect(answers.map((res) => res.status)).to.deep.equal(Array(40).fill(202));

    const early = await drawNow(h, programme.author, programme.code, 'spring');
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('window_open');
    setToday(h, '2026-04-01');
    const late = await enter(h, programme.code, entrants[0]!.actor, course.id);
    expect(late.status).to.equal(409);
    expect(late.body).to.include({ code: 'no_open_window', nextWindow: null });

    const drawn = await drawNow(h, programme.author, programme.code, 'spring');
    expect(drawn.status, JSON.stringify(drawn.body)).to.equal(201);
    expect(drawn.body).to.include({ entries: 40, winners: 13 });
    expect(drawn.body.fundedTotal).to.deep.equal({ amount: '3900.00', currency: 'EUR' });
    const draw = await readDraw(h, programme.author, programme.code, 'spring');
    expect(draw.seed).to.match(/^[0-9a-f]{64}$/);
    expect(draw.verification).to.deep.include({ reproduced: true, mismatches: [] });

    // The same draw again from its seed: the order of the citizen ids, the first 13 funded.
    const order = drawOrder(
      draw.seed,
      entrants.map((citizen) => citizen.id),
    );
    expect(draw.items.map((item) => item.citizenId)).to.deep.equal(order);
    expect(draw.items.map((item) => item.rank)).to.deep.equal(order.map((_, i) => i + 1));
    expect(draw.items.map((item) => item.status)).to.deep.equal([...Array(13).fill('won'), ...Array(27).fill('not_drawn')]);
    const held = await queryRows<{ total: string; n: string }>(
      h.sequelize,
      `SELECT sum(a.funded_amount)::text AS total, count(*)::text AS n FROM applications a JOIN window_entries e ON e.application_id = a.id
       WHERE e.programme_code = $1 AND a.status = 'pending_verification' AND a.applied_on = '2026-04-01' AND a.verify_by = '2026-04-29'`,
      [programme.code],
    );
    expect(held[0]).to.deep.equal({ total: '3900.00', n: '13' });
  });

  it('when two draws of one window race, then it is drawn and funded once', async () => {
    const { programme, course } = await openWindowed(h, [lottery('900.00')]);
    await Promise.all((await citizens(h, 5)).map((citizen) => enter(h, programme.code, citizen.actor, course.id)));
    setToday(h, '2026-04-02');
    const [a, b] = await Promise.all([0, 1].map(() => drawNow(h, programme.author, programme.code, 'spring')));
    expect([a!.status, b!.status].sort()).to.deep.equal([200, 201]);
    expect(a!.body.seed).to.equal(b!.body.seed);
    const grants = await queryRows<{ n: string; total: string }>(
      h.sequelize,
      `SELECT count(*)::text AS n, sum(a.funded_amount)::text AS total FROM applications a
       JOIN entitlements en ON en.id = a.entitlement_id WHERE en.programme_code = $1`,
      [programme.code],
    );
    expect(grants[0]).to.deep.equal({ n: '3', total: '900.00' });
    expect(new Decimal(a!.body.fundedTotal.amount).toFixed(2)).to.equal('900.00');
  });

  it('when an entry costs more than what is left, then it is passed over and a later, cheaper one is still funded', async () => {
    const { programme, course } = await openWindowed(h, [lottery('1000.00')], { price: '400.00' });
    const { course: cheap } = await providerOf(h, programme, '200.00');
    const dear = await citizens(h, 3);
    const thrifty = await citizens(h, 3);
    await Promise.all([
      ...dear.map((citizen) => enter(h, programme.code, citizen.actor, course.id)),
      ...thrifty.map((citizen) => enter(h, programme.code, citizen.actor, cheap.id)),
    ]);
    setToday(h, '2026-04-01');
    expect((await drawNow(h, programme.author, programme.code, 'spring')).status).to.equal(201);
    const draw = await readDraw(h, programme.author, programme.code, 'spring');
    expect(draw.verification.reproduced).to.equal(true);
    // Walk the order: what was funded is exactly what the rule gives, and nothing left could fund one more.
    const price = new Map([...dear.map((c) => [c.id, 400] as const), ...thrifty.map((c) => [c.id, 200] as const)]);
    let left = 1000;
    for (const item of draw.items) {
      const cost = price.get(item.citizenId)!;
      expect(item.status, `rank ${item.rank}`).to.equal(cost <= left ? 'won' : 'not_drawn');
      if (cost <= left) left -= cost;
    }
    expect(draw.fundedTotal.amount).to.equal((1000 - left).toFixed(2));
    expect(left).to.be.below(200);
  });

  it('when a window is unknown, first come, or not drawn yet, then the draw routes answer 404 or 409 and draw nothing', async () => {
    const firstCome = {
      ...lottery('900.00'),
      id: 'summer',
      opensOn: '2026-06-01',
      closesOn: '2026-06-30',
      allocation: 'first_come' as const,
    };
    const { programme } = await openWindowed(h, [lottery('900.00'), firstCome]);
    setToday(h, '2026-07-01');
    expect((await drawNow(h, programme.author, programme.code, 'winter')).status).to.equal(404);
    const notDrawn = await drawNow(h, programme.author, programme.code, 'summer');
    expect([notDrawn.status, notDrawn.body.code]).to.deep.equal([409, 'window_not_drawn']);
    const unread = await h.http.get(`/v1/programmes/${programme.code}/windows/spring/draw`).set(programme.author.auth);
    expect(unread.status).to.equal(404);
  });
});

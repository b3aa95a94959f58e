// Which lots pay: the deduction order over HTTP (a restricted lot and a general one that ends
// sooner, under both orders), lots whose tags do not match, and two claims racing for the last credit.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  claimCourse,
  creditCitizen,
  creditProvider,
  expectLedgerOk,
  lotsSeenBy,
  openCreditLots,
  setToday,
} from './credit-lots-fixtures.js';

const RESTRICTED = { lot: 'digital_boost', amount: '300.00', validYears: 2, courseTags: ['digital'] };
const GENERAL = { lot: 'campaign', amount: '200.00', expiresOn: '2026-12-31' };

/** Resolves once `count` claims wait to lock a citizen's row (the claim's first lock; the later one queues behind the first). */
async function claimsWaiting(h: Harness, count: number) {
  for (let tries = 0; tries < 250; tries++) {
    const [row] = await queryRows<{ waiting: number }>(
      h.sequelize,
      `SELECT count(*)::integer AS waiting FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND query LIKE '%birthDate%FROM citizens WHERE id = $1 FOR UPDATE%'`,
    );
    if (row!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} claims waited for the citizen's row`);
}

type Draw = { lot: string; amount: { amount: string } };
const drawn = (body: { draws: Draw[] }) => body.draws.map((draw) => [draw.lot, draw.amount.amount]);

describe('credit lots: which lots pay for a course', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  async function claimUnder(deductionOrder: 'earliest_expiry_first' | 'restricted_first', tags: string[]) {
    const { code } = await openCreditLots(h, { lots: [RESTRICTED, GENERAL], deductionOrder });
    const { courses } = await creditProvider(h, code, [{ price: '250.00', tags }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const res = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    return { code, citizen, res };
  }

  it('when the order is earliest expiry first, then the general lot ending this year pays first and the restricted one the rest', async () => {
    const { res } = await claimUnder('earliest_expiry_first', ['digital']);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(drawn(res.body)).to.deep.equal([
      ['campaign', '200.00'],
      ['digital_boost', '50.00'],
    ]);
  });

  it('when the order is restricted first, then the restricted lot pays all it can before the general one', async () => {
    const { code, citizen, res } = await claimUnder('restricted_first', ['digital']);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(drawn(res.body)).to.deep.equal([['digital_boost', '250.00']]);
    const lots = await lotsSeenBy(h, citizen.actor, code);
    expect(lots.get('digital_boost')).to.deep.include({ expiresOn: '2028-05-09', courseTags: ['digital'] });
    expect(lots.get('digital_boost')!.held.amount).to.equal('250.00');
    expect(lots.get('campaign')!.available.amount).to.equal('200.00');
  });

  it('when the course carries no tag of the restricted lot, then only the general lot pays and the learner pays the rest', async () => {
    const { res } = await claimUnder('restricted_first', ['care']);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(drawn(res.body)).to.deep.equal([['campaign', '200.00']]);
    expect(res.body.fundedAmount.amount).to.equal('200.00');
    expect(res.body.learnerPart.amount).to.equal('50.00');
  });

  it('when two claims race for the last credit, then exactly one holds it and the other is refused', async () => {
    const { code } = await openCreditLots(h, { lots: [{ lot: 'opening_credit', amount: '100.00' }] });
    const { courses } = await creditProvider(h, code, [{ price: '100.00' }, { price: '100.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    // Both claims are let go at the same moment: they queue on the citizen's row, which a test transaction holds until both wait.
    const gate = await h.sequelize.transaction();
    await queryRows(h.sequelize, `SELECT 1 FROM citizens WHERE id = $1 FOR UPDATE`, [citizen.id], { transaction: gate });
    const racing = Promise.all(courses.map((course) => claimCourse(h, citizen.actor, code, course.id)));
    await claimsWaiting(h, 2);
    await gate.commit();
    const answers = await racing;
    expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 409]);
    expect(answers.find((res) => res.status === 409)!.body.code).to.equal('no_credit_left');
    const lot = (await lotsSeenBy(h, citizen.actor, code)).get('opening_credit')!;
    expect([lot.held.amount, lot.available.amount]).to.deep.equal(['100.00', '0.00']);
  });

  it('when the same claim is sent again with its key, then the first answer comes back and nothing is drawn twice', async () => {
    const { code } = await openCreditLots(h, { lots: [{ lot: 'opening_credit', amount: '500.00' }] });
    const { courses } = await creditProvider(h, code, [{ price: '100.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const key = idempotencyKey();
    const first = await claimCourse(h, citizen.actor, code, courses[0]!.id, key);
    const again = await claimCourse(h, citizen.actor, code, courses[0]!.id, key);
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body.reference).to.equal(first.body.reference);
    expect((await lotsSeenBy(h, citizen.actor, code)).get('opening_credit')!.available.amount).to.equal('400.00');
  });
});

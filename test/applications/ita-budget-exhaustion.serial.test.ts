// Serial: these tests set the whole shared ITA budget aside (setAsideItaBudget), so that a claim
// meets an empty or nearly empty budget. The budget is one account per programme and currency for
// all dates, and tests cannot yet make an ITA programme of their own (programmes become
// configuration in issue 15), so while they run every other ITA claim would be refused too.
// `npm test` runs `*.serial.test.ts` files after the parallel phase, when no other file runs.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { harness, type Harness } from '../support/harness.js';
import {
  claimIta,
  expectLedgerOk,
  fundIta,
  itaCitizen,
  itaRemaining,
  providerWithCourse,
  setAsideItaBudget,
  setToday,
} from './ita-fixtures.js';

describe('ITA applications: an exhausted budget (serial: holds the whole shared ITA budget)', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when the budget has less left than the course needs, then 409 budget_exhausted and nothing is written', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '150.00');
    const aside = await setAsideItaBudget(h, '100.00');
    try {
      const res = await claimIta(h, citizen.actor, course.id);
      expect(res.status, JSON.stringify(res.body)).to.equal(409);
      expect(res.body).to.include({ code: 'budget_exhausted', reason: 'budget_spent' });
      expect((await itaRemaining(h)).toFixed(2)).to.equal('100.00');
      const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
      expect(mine.body.items).to.deep.equal([]);
    } finally {
      await aside.release();
    }
  });

  it('when the budget is used up to the last penny, then 409 budget_exhausted (not 422: the citizen is not at fault) with the stored decision', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '150.00');
    const aside = await setAsideItaBudget(h, '0.00');
    try {
      const res = await claimIta(h, citizen.actor, course.id);
      expect(res.status, JSON.stringify(res.body)).to.equal(409);
      expect(res.body).to.include({ code: 'budget_exhausted', reason: 'budget_spent' });
      const decision = await h.http.get(`/v1/decisions/${res.body.decisionId}`).set(citizen.actor.auth).expect(200);
      expect(decision.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal(['budget_exhausted']);
      const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
      expect(mine.body.items).to.deep.equal([]);
    } finally {
      await aside.release();
    }
  });

  it('when 8 citizens claim at once and the budget holds 5 places, then exactly 5 are funded, 3 get 409, and each alert is sent once', async () => {
    const { course } = await providerWithCourse(h, '200.00');
    await fundIta(h, '0.01'); // a new funding total: the 80% and 95% alerts are armed again
    const aside = await setAsideItaBudget(h, '1000.00');
    try {
      const citizens = await Promise.all(Array.from({ length: 8 }, () => itaCitizen(h)));
      const answers = await Promise.all(citizens.map((citizen) => claimIta(h, citizen.actor, course.id)));
      expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 201, 201, 201, 201, 409, 409, 409]);
      expect(answers.filter((res) => res.status === 409).every((res) => res.body.code === 'budget_exhausted')).to.equal(true);
      expect((await itaRemaining(h)).toFixed(2)).to.equal('0.00');
      const { total } = await programmeBudget(h.sequelize, 'ITA');
      const alerts = await queryRows<{ threshold: number }>(
        h.sequelize,
        `SELECT threshold FROM budget_alerts WHERE programme_code = 'ITA' AND funding_total = $1 ORDER BY threshold`,
        [total.toFixed(2)],
      );
      expect(alerts.map((alert) => alert.threshold)).to.deep.equal([80, 95]);
    } finally {
      await aside.release();
    }
  });
});

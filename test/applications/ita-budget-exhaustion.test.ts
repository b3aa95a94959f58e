// A budget that is spent or nearly so: each test opens a programme like ITA with a budget of its
// own (openItaLike), so it can bring that budget to its last penny while other files claim from the
// shared ITA in parallel, and it passes alone.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import { applyFor, claimIta, expectLedgerOk, itaCitizen, providerWithCourse, setToday } from './ita-fixtures.js';

describe('ITA-like applications: an exhausted budget', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  /** Budget left, as the public sees it. */
  const remaining = async (code: string) =>
    new Decimal((await h.http.get(`/v1/programmes/${code}`).expect(200)).body.budget.remaining as string);

  it('when the budget has less left than the course needs, then 409 budget_exhausted and nothing is written', async () => {
    const { code } = await openItaLike(h, { budget: '100.00' });
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '150.00', code);
    const res = await claimIta(h, citizen.actor, course.id, undefined, code);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body).to.include({ code: 'budget_exhausted', reason: 'budget_spent' });
    expect((await remaining(code)).toFixed(2)).to.equal('100.00');
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items).to.deep.equal([]);
  });

  it('when the budget is used up to the last penny, then 409 budget_exhausted (not 422: the citizen is not at fault) with the stored decision', async () => {
    const { code } = await openItaLike(h, { budget: '150.00' });
    const { course } = await providerWithCourse(h, '150.00', code);
    await applyFor(h, (await itaCitizen(h)).actor, course.id, code); // spends the budget to its last penny
    expect((await remaining(code)).toFixed(2)).to.equal('0.00');
    const citizen = await itaCitizen(h);
    const res = await claimIta(h, citizen.actor, course.id, undefined, code);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body).to.include({ code: 'budget_exhausted', reason: 'budget_spent' });
    const decision = await h.http.get(`/v1/decisions/${res.body.decisionId}`).set(citizen.actor.auth).expect(200);
    expect(decision.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal(['budget_exhausted']);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items).to.deep.equal([]);
  });

  it('when 8 citizens claim at once and the budget holds 5 places, then exactly 5 are funded, 3 get 409, and each alert is sent once', async () => {
    const { code } = await openItaLike(h, { budget: '1000.00' });
    const { course } = await providerWithCourse(h, '200.00', code);
    const citizens = await Promise.all(Array.from({ length: 8 }, () => itaCitizen(h)));
    const answers = await Promise.all(citizens.map((citizen) => claimIta(h, citizen.actor, course.id, undefined, code)));
    expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 201, 201, 201, 201, 409, 409, 409]);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.code === 'budget_exhausted')).to.equal(true);
    expect((await remaining(code)).toFixed(2)).to.equal('0.00');
    const { total } = await programmeBudget(h.sequelize, code);
    expect(total.toFixed(2)).to.equal('1000.00');
    const alerts = await queryRows<{ threshold: number }>(
      h.sequelize,
      `SELECT threshold FROM budget_alerts WHERE programme_code = $1 AND funding_total = $2 ORDER BY threshold`,
      [code, total.toFixed(2)],
    );
    expect(alerts.map((alert) => alert.threshold)).to.deep.equal([80, 95]);
  });
});

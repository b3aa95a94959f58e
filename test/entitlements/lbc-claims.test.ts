import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { openBudgetAccounts } from '../../server/programmes/budget-accounts.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { claimLbc, expectLedgerVerified, fundLbc, grant, lbcCitizen, setToday } from '../support/voucher-factory.js';

describe('LBC claims: POST /v1/programmes/LBC/claims', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-12-01');
    await fundLbc(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  it('when an eligible citizen claims, then 7 hours are granted for 6 years and 7 x the hourly fee is committed from the budget', async () => {
    const citizen = await lbcCitizen(h);
    const before = await programmeBudget(h.sequelize, 'LBC');
    const res = await claimLbc(h, citizen.actor);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ programme: 'LBC', periodStart: '2026-12-01', periodEnd: '2032-11-30', status: 'active' });
    expect(res.body.balance).to.deep.equal({ granted: '7.00', reserved: '0.00', used: '0.00', available: '7.00', unit: 'HOUR' });
    expect(res.body.committed).to.deep.equal({ amount: '981.79', currency: 'EUR' });
    expect(res.body.decision).to.include({ eligible: true, programme: 'LBC', referenceDate: '2026-12-01' });
    const after = await programmeBudget(h.sequelize, 'LBC');
    expect(before.remaining.minus(after.remaining).toFixed(2)).to.equal('981.79');
  });

  it('when the claim is replayed with the same key, then the first answer comes back and nothing is granted twice', async () => {
    const citizen = await lbcCitizen(h);
    const key = idempotencyKey();
    const first = await claimLbc(h, citizen.actor, key);
    const second = await claimLbc(h, citizen.actor, key);
    expect(second.status).to.equal(201);
    expect(second.body.id).to.equal(first.body.id);
    const rows = await queryRows(h.sequelize, `SELECT id FROM entitlements WHERE citizen_id = $1`, [citizen.id]);
    expect(rows).to.have.length(1);
  });

  it('when a citizen claims again within 6 years, then 422 not_eligible names the waiting period and a stored decision', async () => {
    const citizen = await lbcCitizen(h);
    await grant(h, citizen.actor);
    const res = await claimLbc(h, citizen.actor);
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    expect(res.body.reasons.map((reason: { code: string }) => reason.code)).to.have.length(1);
    expect(res.body.nextEligibleOn).to.equal('2032-12-01');
    const decision = await h.http.get(`/v1/decisions/${res.body.decisionId}`).set(citizen.actor.auth);
    expect(decision.status).to.equal(200);
    expect(decision.body.eligible).to.equal(false);
  });

  it('when a jobseeker claims, then 422 not_eligible with the reasons of the rules and no right is granted', async () => {
    const citizen = await lbcCitizen(h, { employmentStatus: 'unemployed' });
    const res = await claimLbc(h, citizen.actor);
    expect(res.status).to.equal(422);
    expect(res.body.reasons.map((reason: { code: string }) => reason.code)).to.include('employment_status_not_eligible');
    expect(await queryRows(h.sequelize, `SELECT id FROM entitlements WHERE citizen_id = $1`, [citizen.id])).to.have.length(0);
  });

  it('when one citizen sends two claims at once with different keys, then exactly one right is granted', async () => {
    const citizen = await lbcCitizen(h);
    const answers = await Promise.all([claimLbc(h, citizen.actor), claimLbc(h, citizen.actor), claimLbc(h, citizen.actor)]);
    expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 422, 422]);
  });

  it('when the body names a course, an unknown programme is claimed, or a non-citizen claims, then 400, 404 and 403', async () => {
    const citizen = await lbcCitizen(h);
    const withCourse = await h.http
      .post('/v1/programmes/LBC/claims')
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseId: 'x' });
    expect(withCourse.status).to.equal(400);
    expect(withCourse.body.errors[0].path).to.equal('/courseId');
    const unknown = await h.http
      .post('/v1/programmes/XYZ/claims')
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({});
    expect(unknown.status).to.equal(404);
    const admin = await createActor(h, 'admin');
    expect((await claimLbc(h, admin)).status).to.equal(403);
    expect((await h.http.post('/v1/programmes/LBC/claims').set(citizen.actor.auth).send({})).status).to.equal(400);
  });

  it('when the budget cannot cover the committed fee, then 409 budget_exhausted and nothing is written', async () => {
    const citizen = await lbcCitizen(h);
    const { budgetAccountId, fundingAccountId } = await openBudgetAccounts(h.sequelize, 'LBC');
    const set = (await programmeBudget(h.sequelize, 'LBC')).remaining.minus('500.00');
    const move = (amount: Decimal) =>
      postTransaction(h.sequelize, {
        kind: 'fund',
        businessDate: h.clock.today(),
        entries: [
          { accountId: fundingAccountId, amount: amount.negated() },
          { accountId: budgetAccountId, amount },
        ],
      });
    await move(set.negated()); // leave EUR 500 in the budget, less than 7 x 140.256
    try {
      const res = await claimLbc(h, citizen.actor);
      expect(res.status).to.equal(409);
      expect(res.body.code).to.equal('budget_exhausted');
      expect(await queryRows(h.sequelize, `SELECT id FROM entitlements WHERE citizen_id = $1`, [citizen.id])).to.have.length(0);
    } finally {
      await move(set);
    }
  });
});

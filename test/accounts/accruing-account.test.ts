// An accruing account (CPF-shaped) opened through the API: claims open the account and accrue
// the year, spend it on courses with the co-payment (or its exemption), top-ups tied to a course
// go first, four eyes on large top-ups, and two claims racing for the last money.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { approveChange } from '../support/approvals.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerVerified } from '../support/voucher-factory.js';
import { accountCitizen, accountProvider, claim, myAccount, openAccounts, setToday, topUp } from './account-fixtures.js';

const EMPLOYER = { type: 'employer', name: 'Acme Logistics SA' };

async function fundedAccount(h: Harness, prices: string[], facts: Record<string, unknown> = {}) {
  const { code } = await openAccounts(h);
  const provider = await accountProvider(h, code, prices);
  const citizen = await accountCitizen(h, facts);
  const opened = await claim(h, citizen.actor, code);
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return { code, ...provider, citizen, opened };
}

describe('accruing accounts', () => {
  let h: Harness;
  let admin: Actor;
  beforeEach(async () => {
    h = harness();
    setToday(h, '2026-03-02');
    admin = await createActor(h, 'admin');
  });

  it('when an eligible citizen first claims, then the account opens with the year accrued, and a second claim that year accrues nothing more', async () => {
    const { code, citizen, opened } = await fundedAccount(h, []);
    expect(opened.body.account.balance).to.include({ accrued: '500.00', available: '500.00', currency: 'EUR' });
    expect(opened.body.decision.groups).to.deep.equal([]);
    const again = await claim(h, citizen.actor, code);
    expect(again.body.account.balance.available).to.equal('500.00');
    expect((await myAccount(h, citizen.actor, code)).balance).to.include({ granted: '500.00', available: '500.00', unit: 'EUR' });
  });

  it('when a citizen in the boost group opens an account, then the decision names the group and the year accrues the boost', async () => {
    const { opened } = await fundedAccount(h, [], { workExperienceDays: 100, employmentStatus: 'unemployed' });
    expect(opened.body.decision.groups).to.deep.equal(['low_qualified', 'jobseeker']);
    expect(opened.body.account.balance.accrued).to.equal('800.00');
  });

  it('when a citizen under the rule set’s age claims, then 422 not_eligible keeps the decision and opens no account', async () => {
    const { code } = await openAccounts(h);
    const child = await accountCitizen(h, { birthDate: '2012-01-01' });
    const res = await claim(h, child.actor, code);
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    const [kept] = await queryRows<{ eligible: boolean }>(h.sequelize, `SELECT eligible FROM decisions WHERE id = $1`, [
      res.body.decisionId,
    ]);
    expect(kept?.eligible).to.equal(false);
    const accounts = await queryRows(h.sequelize, `SELECT 1 FROM entitlements WHERE citizen_id = $1`, [child.id]);
    expect(accounts).to.have.length(0);
  });

  it('when a citizen spends on a course, then the account holds its price less the EUR 100 co-payment, which the learner pays', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['450.00']);
    const res = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.application.fundedAmount.amount).to.equal('350.00');
    expect(res.body.application.learnerPart.amount).to.equal('100.00');
    expect(res.body.application.reference).to.match(new RegExp(`^${code}-[0-9A-HJKMNP-TV-Z]{10}$`));
    expect(res.body.account.balance).to.include({ reserved: '350.00', available: '150.00' });
  });

  it('when a jobseeker (an exempt group) spends on a course, then there is no co-payment', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['450.00'], { employmentStatus: 'unemployed' });
    const res = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect([res.body.application.fundedAmount.amount, res.body.application.learnerPart.amount]).to.deep.equal(['450.00', '0.00']);
  });

  it('when a course costs more than the account holds, then the account pays what it has and the learner the rest; then it is empty (409)', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['900.00', '300.00']);
    const first = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect([first.body.application.fundedAmount.amount, first.body.application.learnerPart.amount]).to.deep.equal(['500.00', '400.00']);
    const second = await claim(h, citizen.actor, code, { courseId: courses[1]!.id });
    expect(second.status, JSON.stringify(second.body)).to.equal(409);
    expect(second.body.code).to.equal('account_empty');
  });

  it('when a citizen applies for several courses in one year, then each holds its part while money is left, and a cancel gives it back to the account', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['250.00', '250.00']);
    const first = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    const second = await claim(h, citizen.actor, code, { courseId: courses[1]!.id });
    expect([first.status, second.status], JSON.stringify(second.body)).to.deep.equal([201, 201]);
    expect(second.body.account.balance).to.include({ reserved: '300.00', available: '200.00' });
    const cancelled = await h.http
      .post(`/v1/applications/${first.body.application.reference}/cancel`)
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey());
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect((await myAccount(h, citizen.actor, code)).balance).to.include({ granted: '500.00', reserved: '150.00', available: '350.00' });
    await expectLedgerVerified(h);
  });

  it('when the course is of another programme, unknown or not approved, then the claim is refused naming /courseId', async () => {
    const { code, citizen } = await fundedAccount(h, []);
    const other = await openAccounts(h);
    const { courses } = await accountProvider(h, other.code, ['200.00']);
    for (const courseId of [courses[0]!.id, 'not-a-uuid']) {
      const res = await claim(h, citizen.actor, code, { courseId });
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.errors[0].path).to.equal('/courseId');
    }
  });

  it('when a course costs no more than the co-payment, then the account pays nothing: 422 at /courseId', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['80.00']);
    const res = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.errors[0].path).to.equal('/courseId');
  });

  it('when an employer tops up for a course, then the citizen sees it and a claim for that course spends the top-up first, then own money', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['600.00', '200.00']);
    const credited = await topUp(h, admin, code, {
      citizenId: citizen.id,
      amount: '300.00',
      funder: EMPLOYER,
      courseId: courses[0]!.id,
      deadline: '2026-12-31',
    });
    expect(credited.status, JSON.stringify(credited.body)).to.equal(201);
    expect(credited.body).to.include({ courseId: courses[0]!.id, deadline: '2026-12-31' });
    expect(credited.body.funder).to.deep.equal(EMPLOYER);
    expect(credited.body.balance.amount).to.equal('300.00');

    const spent = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(spent.status, JSON.stringify(spent.body)).to.equal(201);
    expect(spent.body.application.fundedAmount.amount).to.equal('500.00');
    const account = await myAccount(h, citizen.actor, code);
    expect(account.balance.available).to.equal('300.00');
    expect(account.topUps).to.have.length(1);
    expect(account.topUps![0]).to.deep.include({ funder: EMPLOYER, deadline: '2026-12-31', balance: { amount: '0.00', currency: 'EUR' } });
    await expectLedgerVerified(h);
  });

  it('when a top-up is tied to another course, then a claim leaves it alone', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['600.00', '200.00']);
    await topUp(h, admin, code, { citizenId: citizen.id, amount: '300.00', funder: EMPLOYER, courseId: courses[0]!.id });
    const spent = await claim(h, citizen.actor, code, { courseId: courses[1]!.id });
    expect(spent.body.application.fundedAmount.amount).to.equal('100.00');
    const account = await myAccount(h, citizen.actor, code);
    expect([account.balance.available, (account.topUps![0]!.balance as { amount: string }).amount]).to.deep.equal(['400.00', '300.00']);
  });

  it('when a top-up is above the approval threshold, then it waits for a second administrator and is credited when approved', async () => {
    const { code, citizen } = await fundedAccount(h, []);
    const requested = await topUp(h, admin, code, {
      citizenId: citizen.id,
      amount: '15000.00',
      funder: { type: 'region', name: 'Région Sud' },
    });
    expect(requested.status, JSON.stringify(requested.body)).to.equal(202);
    expect((await myAccount(h, citizen.actor, code)).topUps).to.deep.equal([]);
    const approver = await createActor(h, 'admin');
    await approveChange(h, approver.auth, requested.body.id as string);
    const [credited] = (await myAccount(h, citizen.actor, code)).topUps!;
    expect(credited).to.deep.include({ funder: { type: 'region', name: 'Région Sud' }, balance: { amount: '15000.00', currency: 'EUR' } });
  });

  it('when a top-up names a citizen without an account, a past deadline, a foreign course or another kind of programme, then it is refused', async () => {
    const { code, citizen } = await fundedAccount(h, []);
    const stranger = await accountCitizen(h);
    const noAccount = await topUp(h, admin, code, { citizenId: stranger.id, amount: '10.00', funder: EMPLOYER });
    expect([noAccount.status, noAccount.body.code]).to.deep.equal([409, 'account_not_open']);
    const late = await topUp(h, admin, code, { citizenId: citizen.id, amount: '10.00', funder: EMPLOYER, deadline: '2026-03-01' });
    expect([late.status, late.body.errors?.[0]?.path]).to.deep.equal([400, '/deadline']);
    const foreign = await topUp(h, admin, code, { citizenId: citizen.id, amount: '10.00', funder: EMPLOYER, courseId: citizen.id });
    expect([foreign.status, foreign.body.errors?.[0]?.path]).to.deep.equal([400, '/courseId']);
    const ita = await topUp(h, admin, 'ITA', { citizenId: citizen.id, amount: '10.00', funder: EMPLOYER });
    expect([ita.status, ita.body.code]).to.deep.equal([409, 'not_an_account_programme']);
    const badFunder = await topUp(h, admin, code, { citizenId: citizen.id, amount: '10.00', funder: { type: 'bank', name: 'X' } });
    expect(badFunder.status).to.equal(400);
  });

  it('when two claims race for the last money of an account, then exactly one holds it and the other finds the account empty', async () => {
    const { code, courses, citizen } = await fundedAccount(h, ['600.00', '600.00']);
    const results = await Promise.all(courses.map((course) => claim(h, citizen.actor, code, { courseId: course.id })));
    expect(results.map((res) => res.status).sort()).to.deep.equal([201, 409]);
    const [held] = await queryRows<{ n: string; funded: string }>(
      h.sequelize,
      `SELECT count(*) AS n, sum(funded_amount) AS funded FROM applications WHERE citizen_id = $1 AND status = 'pending_verification'`,
      [citizen.id],
    );
    expect([held?.n, held?.funded]).to.deep.equal(['1', '500.00']);
  });
});

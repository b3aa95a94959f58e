// A provider refuses an application with a reason (issue 17, journey 3): the money goes back where
// it came from once, the citizen is told why, and nothing moves out of a refused application.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerVerified } from '../support/voucher-factory.js';
import { claimCourse, creditCitizen, creditProvider, lotsSeenBy, openCreditLots } from '../credit-lots/credit-lots-fixtures.js';
import {
  accountCitizen,
  accountProvider,
  claim,
  myAccount,
  openAccounts,
  setToday as setAccountToday,
} from '../accounts/account-fixtures.js';
import {
  applyFor,
  budgetMovedFor,
  claimFunding,
  expectLedgerOk,
  fundIta,
  itaCitizen,
  providerWithCourse,
  setToday,
  verify,
} from './ita-fixtures.js';

const refuse = (
  h: Harness,
  staff: Actor,
  centreId: string,
  reference: string,
  body: unknown = { reason: 'The diploma sent is not the one the course requires.' },
) =>
  h.http
    .post(`/v1/centres/${centreId}/applications/${reference}/refuse`)
    .set(staff.auth)
    .send(body as object);

describe('a provider refuses an application with a reason', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });

  it('when the provider refuses a pending application, then the funded amount returns to the budget once, the reason is audited and the citizen told it', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '300.00');
    const application = await applyFor(h, citizen.actor, course.id);
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('-200.00');

    const res = await refuse(h, provider.staff, provider.id, application.reference).expect(200);
    expect(res.body).to.include({ status: 'refused' });
    expect(res.body.refusal.reason).to.equal('The diploma sent is not the one the course requires.');
    expect(res.body.closedAt).to.be.a('string');
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('0.00');

    const again = await refuse(h, provider.staff, provider.id, application.reference);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('application_refused');
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('0.00');

    const audit = await queryRows<{ after: { reason: string; status: string } }>(
      h.sequelize,
      `SELECT after FROM audit_log WHERE action = 'application.refused' AND entity_id = (SELECT id::text FROM applications WHERE reference = $1)`,
      [application.reference],
    );
    expect(audit.map((row) => row.after)).to.have.length(1);
    expect(audit[0]!.after).to.include({ status: 'refused', reason: 'The diploma sent is not the one the course requires.' });
    const told = await h.http.get('/v1/me/notifications').set(citizen.actor.auth).expect(200);
    const notice = told.body.items.find((n: { kind: string }) => n.kind === 'application_refused');
    expect(notice.body).to.contain('The diploma sent is not the one the course requires.');

    const seen = await h.http.get(`/v1/applications/${application.reference}`).set(citizen.actor.auth).expect(200);
    expect(seen.body.refusal.reason).to.equal('The diploma sent is not the one the course requires.');
    // The account year is free again for another course.
    await applyFor(h, citizen.actor, course.id);
  });

  it('when the provider refuses a verified application, then its guaranteed hold is freed too', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '120.00');
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    await refuse(h, provider.staff, provider.id, application.reference).expect(200);
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('0.00');
    const claimed = await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10');
    expect(claimed.status).to.equal(409);
    expect(claimed.body.code).to.equal('application_refused');
  });

  it("when another centre refuses an application with the citizen's reference, then it answers 404 and nothing changes", async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h);
    const other = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    const res = await refuse(h, other.provider.staff, other.provider.id, application.reference);
    expect(res.status).to.equal(404);
    const seen = await h.http.get(`/v1/applications/${application.reference}`).set(citizen.actor.auth).expect(200);
    expect(seen.body.status).to.equal('pending_verification');
  });

  it('when the reason is missing, blank or longer than 500 characters, then it is refused 400 naming /reason and nothing changes', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await refuse(h, provider.staff, provider.id, application.reference, body);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).to.include('/reason');
    }
    const seen = await h.http.get(`/v1/applications/${application.reference}`).set(citizen.actor.auth).expect(200);
    expect(seen.body.status).to.equal('pending_verification');
  });

  it('when the application was claimed, then refusing it answers 409 application_claimed', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10').expect(200);
    const res = await refuse(h, provider.staff, provider.id, application.reference);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('application_claimed');
  });

  it('when the provider refuses while it also claims, then exactly one of them wins and the money moves once', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '130.00');
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    const [refused, claimed] = await Promise.all([
      refuse(h, provider.staff, provider.id, application.reference),
      claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10'),
    ]);
    expect([refused.status, claimed.status].sort()).to.deep.equal([200, 409]);
    const moved = await budgetMovedFor(h, [application.reference]);
    expect(moved.toFixed(2)).to.equal(refused.status === 200 ? '0.00' : '-130.00');
  });

  it('when someone moves a refused application on in SQL, then the database refuses it', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    await refuse(h, provider.staff, provider.id, application.reference).expect(200);
    for (const sql of [
      `UPDATE applications SET status = 'verified' WHERE reference = $1`,
      `UPDATE applications SET refusal_reason = 'changed' WHERE reference = $1`,
    ]) {
      const outcome = await h.sequelize.query(sql, { bind: [application.reference] }).then(
        () => 'accepted',
        () => 'refused',
      );
      expect(outcome, sql).to.equal('refused');
    }
  });

  it("when the provider refuses an accruing account's application, then the money goes back to the account, not a budget", async () => {
    setAccountToday(h, '2026-03-02');
    const { code } = await openAccounts(h);
    const { centre, courses } = await accountProvider(h, code, ['250.00']);
    const citizen = await accountCitizen(h);
    await claim(h, citizen.actor, code).expect(201);
    const applied = await claim(h, citizen.actor, code, { courseId: courses[0]!.id }, idempotencyKey());
    expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
    expect((await myAccount(h, citizen.actor, code)).balance).to.include({ available: '350.00' });
    await refuse(h, centre.staff, centre.id, applied.body.application.reference).expect(200);
    expect((await myAccount(h, citizen.actor, code)).balance).to.include({ granted: '500.00', reserved: '0.00', available: '500.00' });
    await expectLedgerVerified(h);
  });

  it('when the provider refuses a credit lots application, then each lot gets back what it gave', async () => {
    const { code } = await openCreditLots(h, { lots: [{ lot: 'opening_credit', amount: '500.00', fromAge: 25 }] });
    const { centre, courses } = await creditProvider(h, code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const claimed = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    await refuse(h, centre.staff, centre.id, claimed.body.reference as string).expect(200);
    const lot = (await lotsSeenBy(h, citizen.actor, code)).get('opening_credit')!;
    expect([lot.available.amount, lot.held.amount, lot.balance.amount]).to.deep.equal(['500.00', '0.00', '500.00']);
  });
});

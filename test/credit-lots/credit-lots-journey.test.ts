import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey } from '../support/actors.js';
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

const OPENING = { lot: 'opening_credit', amount: '500.00', fromAge: 25 };
const MID_CAREER = { lot: 'mid_career', amount: '4000.00', fromAge: 40, courseTags: ['mid-career'] };

describe('credit lots: a programme opened through the API, from claim to the provider paid', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when a citizen of 41 claims a tagged course, then both lots are granted, drawn, verified, claimed and settled to the provider', async () => {
    const { code } = await openCreditLots(h, { lots: [OPENING, MID_CAREER] });
    const { centre, courses } = await creditProvider(h, code, [{ price: '4200.00', tags: ['mid-career'] }]);
    const citizen = await creditCitizen(h, { yearsOld: 41 });

    const claimed = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    expect(claimed.body).to.include({ status: 'pending_verification', verifyBy: '2026-06-07' });
    expect(claimed.body.reference).to.match(new RegExp(`^${code}-[0-9A-HJKMNP-TV-Z]{10}$`));
    expect(claimed.body.fundedAmount).to.deep.equal({ amount: '4200.00', currency: 'SGD' });
    expect(claimed.body.learnerPart).to.deep.equal({ amount: '0.00', currency: 'SGD' });
    expect(claimed.body.lotsGranted).to.have.members(['opening_credit', 'mid_career']);
    // Neither lot ends: the restricted one pays first, the general one tops it up.
    expect(claimed.body.draws).to.deep.equal([
      { lot: 'mid_career', amount: { amount: '4000.00', currency: 'SGD' } },
      { lot: 'opening_credit', amount: { amount: '200.00', currency: 'SGD' } },
    ]);
    expect(claimed.body.decision).to.include({ eligible: true, programme: code });

    const held = await lotsSeenBy(h, citizen.actor, code);
    expect(held.get('opening_credit')).to.deep.include({ expiresOn: null, status: 'active', courseTags: [] });
    expect(held.get('opening_credit')!.balance.amount).to.equal('500.00');
    expect(held.get('opening_credit')!.held.amount).to.equal('200.00');
    expect(held.get('opening_credit')!.available.amount).to.equal('300.00');
    expect(held.get('mid_career')!.held.amount).to.equal('4000.00');
    expect(held.get('mid_career')!.courseTags).to.deep.equal(['mid-career']);

    const reference = claimed.body.reference as string;
    const verified = await h.http.post(`/v1/centres/${centre.id}/applications/${reference}/verify`).set(centre.staff.auth);
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    const paid = await h.http
      .post(`/v1/centres/${centre.id}/applications/${reference}/claim`)
      .set(centre.staff.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseStartDate: '2026-05-10' });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
    expect(paid.body.status).to.equal('claimed');

    const spent = await lotsSeenBy(h, citizen.actor, code);
    expect(spent.get('opening_credit')!.spent.amount).to.equal('200.00');
    expect(spent.get('opening_credit')!.held.amount).to.equal('0.00');
    expect(spent.get('opening_credit')!.balance.amount).to.equal('300.00');
    expect(spent.get('mid_career')!.balance.amount).to.equal('0.00');

    const admin = await createActor(h, 'admin');
    const settled = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: code, periodEnd: '2026-05-10' });
    expect(settled.status, JSON.stringify(settled.body)).to.equal(201);
    const statement = (settled.body.statements as { centreId?: string; centre?: { id: string }; total: { amount: string } }[])[0];
    expect(statement?.total.amount).to.equal('4200.00');
    const [payable] = await queryRows<{ balance: string }>(
      h.sequelize,
      `SELECT balance FROM ledger_accounts WHERE owner_type = 'centre_payable' AND owner_id = $1`,
      [`${centre.id}:${code}`],
    );
    expect(payable?.balance).to.equal('4200.00');
  });

  it('when the citizen cancels, then each lot gets back what it gave', async () => {
    const { code } = await openCreditLots(h, { lots: [OPENING] });
    const { courses } = await creditProvider(h, code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const claimed = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    expect((await lotsSeenBy(h, citizen.actor, code)).get('opening_credit')!.available.amount).to.equal('380.00');
    const cancelled = await h.http
      .post(`/v1/applications/${claimed.body.reference}/cancel`)
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey());
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    const lot = (await lotsSeenBy(h, citizen.actor, code)).get('opening_credit')!;
    expect([lot.available.amount, lot.held.amount, lot.balance.amount]).to.deep.equal(['500.00', '0.00', '500.00']);
  });

  it('when a citizen of 24 claims, then no lot is due and the claim is refused with nothing written', async () => {
    const { code } = await openCreditLots(h, { lots: [OPENING] });
    const { courses } = await creditProvider(h, code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 24 });
    const res = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.code).to.equal('no_credit_left');
    expect(await lotsSeenBy(h, citizen.actor, code)).to.have.property('size', 0);
  });

  it('when the budget cannot fund a lot that is due, then 409 budget_exhausted and nothing is granted', async () => {
    const { code } = await openCreditLots(h, { lots: [OPENING], budget: '100.00' });
    const { courses } = await creditProvider(h, code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const res = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.code).to.equal('budget_exhausted');
    expect(await lotsSeenBy(h, citizen.actor, code)).to.have.property('size', 0);
  });

  it('when a citizen under the rule set’s age claims, then 422 not_eligible keeps the decision and grants nothing', async () => {
    const { code } = await openCreditLots(h, { lots: [{ lot: 'opening_credit', amount: '500.00' }] });
    const { courses } = await creditProvider(h, code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 19 });
    const res = await claimCourse(h, citizen.actor, code, courses[0]!.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.code).to.equal('not_eligible');
    expect(res.body.decisionId).to.be.a('string');
  });

  it('when the course is of another programme, unknown, or missing, then the claim is refused naming /courseId', async () => {
    const { code } = await openCreditLots(h, { lots: [OPENING] });
    const other = await openCreditLots(h, { lots: [OPENING] });
    const { courses } = await creditProvider(h, other.code, [{ price: '120.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    for (const courseId of [courses[0]!.id, 'not-a-uuid']) {
      const res = await claimCourse(h, citizen.actor, code, courseId);
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.errors[0].path).to.equal('/courseId');
    }
    const missing = await h.http
      .post(`/v1/programmes/${code}/claims`)
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({});
    expect(missing.status).to.equal(400);
    expect(JSON.stringify(missing.body)).to.include('/courseId');
  });
});

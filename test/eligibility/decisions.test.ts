import { expect } from 'chai';
import { addYears } from '../../server/shared/calendar.js';
import { createActor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import {
  admins,
  approvedRuleSet,
  bundled,
  copyOf,
  createProgramme,
  flemishEmployee,
  fund,
  insertEntitlement,
  scottishEmployee,
} from './fixtures.js';

const decide = (code: string, auth: Record<string, string>, body: Record<string, unknown> = {}) =>
  harness().http.post(`/v1/programmes/${code}/eligibility`).set(auth).send(body);

describe('eligibility decisions', () => {
  it('when a Flemish employee asks for LBC, then the decision is eligible, stored and readable by the owner', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: flemishEmployee });
    const res = await decide('LBC', citizen.actor.auth).expect(200);
    expect(res.body).to.include({ eligible: true, programme: 'LBC', referenceDate: h.clock.today(), nextEligibleOn: null });
    expect(res.body.reasons).to.deep.equal([]);
    expect(res.body.ruleSet.version).to.be.a('number');
    const stored = await h.http.get(`/v1/decisions/${res.body.decisionId}`).set(citizen.actor.auth).expect(200);
    expect(stored.body).to.deep.include({ eligible: true, ruleSet: res.body.ruleSet, citizenId: citizen.id });
    expect(stored.body.facts).to.include({ workExperienceDays: 3000, lastEntitlementStart: null, timeSinceLastEntitlement: null });
  });

  it('when an LBC right started 2 years ago, then the citizen is refused until 6 years after its start', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: flemishEmployee });
    const start = addYears(h.clock.today(), -2);
    await insertEntitlement(h, citizen.id, 'LBC', start);
    const res = await decide('LBC', citizen.actor.auth).expect(200);
    expect(res.body.eligible).to.equal(false);
    expect(res.body.reasons).to.have.length(1);
    expect(res.body.reasons[0]).to.include({
      code: 'right_started_within_waiting_period',
      fact: 'timeSinceLastEntitlement',
      operator: 'durationAtLeast',
      expected: 'P6Y',
      actual: 'P2Y',
    });
    expect(res.body.nextEligibleOn).to.equal(addYears(start, 6));
  });

  it('when the last right started on 29 February, then the wait ends on 28 February; and exactly 6 years later it is over', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: flemishEmployee });
    await insertEntitlement(h, citizen.id, 'LBC', '2024-02-29');
    const admin = await createActor(h, 'admin');
    const before = await decide('LBC', admin.auth, { citizenId: citizen.id, referenceDate: '2030-02-27' }).expect(200);
    expect(before.body).to.include({ eligible: false, nextEligibleOn: '2030-02-28' });
    const on = await decide('LBC', admin.auth, { citizenId: citizen.id, referenceDate: '2030-02-28' }).expect(200);
    expect(on.body.eligible).to.equal(true);
  });

  it('when the citizen asks in Dutch, then the reasons are in Dutch', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2554 } });
    const res = await decide('LBC', citizen.actor.auth).set('Accept-Language', 'nl-BE, nl;q=0.9').expect(200);
    expect(res.body.reasons[0]).to.include({
      code: 'work_experience_too_short',
      message: 'Er is minstens 2555 dagen werkervaring nodig; er zijn er 2554 geregistreerd.',
    });
  });

  it('when a stored decision is replayed, then it gives the same result', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { ...flemishEmployee, employmentStatus: 'unemployed', workExperienceDays: 100 } });
    const made = await decide('LBC', citizen.actor.auth).expect(200);
    const admin = await createActor(h, 'admin');
    const res = await h.http.get(`/v1/decisions/${made.body.decisionId}?replay=true`).set(admin.auth).expect(200);
    expect(res.body.replayMatches).to.equal(true);
    expect(res.body.replay.reasons).to.deep.equal(made.body.reasons);
    expect(res.body.replay.eligible).to.equal(false);
  });

  it('when someone else reads a decision, then another citizen gets 404 and staff readers get it', async () => {
    const h = harness();
    const owner = await createCitizen(h, { facts: flemishEmployee });
    const other = await createCitizen(h, { facts: flemishEmployee });
    const made = await decide('LBC', owner.actor.auth).expect(200);
    const res = await h.http.get(`/v1/decisions/${made.body.decisionId}`).set(other.actor.auth).expect(404);
    expect(res.body.code).to.equal('not_found');
    await h.http
      .get(`/v1/decisions/${made.body.decisionId}`)
      .set((await createActor(h, 'auditor')).auth)
      .expect(200);
  });

  it('when a citizen names a date or another citizen, or an admin names nobody, then the request is refused without a decision', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: flemishEmployee });
    const other = await createCitizen(h, { facts: flemishEmployee });
    const admin = await createActor(h, 'admin');
    expect((await decide('LBC', citizen.actor.auth, { referenceDate: '2020-01-01' }).expect(400)).body.errors[0].path).to.equal(
      '/referenceDate',
    );
    await decide('LBC', citizen.actor.auth, { citizenId: other.id }).expect(404);
    expect((await decide('LBC', admin.auth, {}).expect(400)).body.errors[0].path).to.equal('/citizenId');
    await decide('LBC', admin.auth, { citizenId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await decide('NOPE', admin.auth, { citizenId: citizen.id }).expect(404);
    await decide('LBC', citizen.actor.auth, { extra: 1 }).expect(400);
    await decide('LBC', (await createActor(h, 'auditor')).auth, { citizenId: citizen.id }).expect(403);
    await decide('LBC', admin.auth, { citizenId: citizen.id, referenceDate: '2019-12-31' }).expect(422);
    const [{ count }] = (
      await h.sequelize.query(`SELECT count(*)::int AS count FROM decisions WHERE citizen_id IN ('${citizen.id}', '${other.id}')`)
    )[0] as [{ count: number }];
    expect(count).to.equal(0);
  });

  it('when the ITA budget is used up, then budget_exhausted is a reason; once funded, the citizen is eligible', async () => {
    const h = harness();
    const code = await createProgramme(h, 'GBP');
    await approvedRuleSet(h, await admins(h), code, copyOf(h, bundled('ITA')));
    const citizen = await createCitizen(h, { facts: scottishEmployee(h.clock.today()), scheme: 'UK_NINO' });
    const empty = await decide(code, citizen.actor.auth).expect(200);
    expect(empty.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal(['budget_exhausted']);
    await fund(h, code, '1000.00');
    const funded = await decide(code, citizen.actor.auth).expect(200);
    expect(funded.body).to.include({ eligible: true });
  });

  it('when 100 decisions on rules of several priorities run at once over HTTP, then they equal the sequential answers', async () => {
    const h = harness();
    const code = await createProgramme(h, 'GBP');
    await approvedRuleSet(h, await admins(h), code, copyOf(h, bundled('ITA')));
    await fund(h, code, '1000.00');
    const today = h.clock.today();
    const variants = [
      scottishEmployee(today),
      { ...scottishEmployee(today), annualIncome: { amount: '22000.00', currency: 'GBP', year: 2026, evidenceDate: today } },
      { ...scottishEmployee(today), residenceCountry: 'GB', residenceRegion: 'ENG', inFullTimeEducation: true },
      { ...scottishEmployee(today), birthDate: addYears(today, -15) },
      {
        ...scottishEmployee(today),
        benefits: ['XYZ'],
        annualIncome: { amount: '40000.00', currency: 'GBP', year: 2026, evidenceDate: today },
      },
    ];
    const citizens = await Promise.all(variants.map((facts) => createCitizen(h, { facts, scheme: 'UK_NINO' })));
    const admin = await createActor(h, 'admin');
    const answer = (body: { eligible: boolean; reasons: { code: string; actual: unknown }[]; nextEligibleOn: string | null }) =>
      JSON.stringify([body.eligible, body.reasons.map((reason) => [reason.code, reason.actual]), body.nextEligibleOn]);
    const requests = Array.from({ length: 100 }, (_, index) => citizens[index % citizens.length]!.id);
    const sequential: string[] = [];
    for (const citizenId of requests.slice(0, citizens.length))
      sequential.push(answer((await decide(code, admin.auth, { citizenId }).expect(200)).body));
    const concurrent = await Promise.all(requests.map(async (citizenId) => answer((await decide(code, admin.auth, { citizenId })).body)));
    expect(concurrent).to.deep.equal(requests.map((_, index) => sequential[index % citizens.length]));
    expect(new Set(sequential).size).to.equal(citizens.length);
  });

  it('when anyone tries to change a stored decision, then the database refuses', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: flemishEmployee });
    const made = await decide('LBC', citizen.actor.auth).expect(200);
    let refused: unknown;
    try {
      await h.ownerSequelize.query(`UPDATE decisions SET eligible = false, reasons = '[{}]' WHERE id = '${made.body.decisionId}'`);
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.match(/append-only/);
  });
});

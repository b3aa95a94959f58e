import { expect } from 'chai';
import { addDays } from '../../server/shared/calendar.js';
import { decideEligibility } from '../../server/eligibility/decision-service.js';
import { encodeCursor } from '../../server/shared/pagination.js';
import { createActor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { admins, approvedRuleSet, createProgramme, draft, flemishEmployee, type Draft } from './fixtures.js';

const message = { en: 'At least {expected} days are needed.', nl: 'Er zijn minstens {expected} dagen nodig.' };
const experienceRuleSet = (effectiveFrom: string, minDays: number, testCases?: unknown[]): Draft => ({
  rules: [
    {
      name: 'enough work experience',
      priority: 10,
      conditions: { all: [{ fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: { param: 'minWorkExperienceDays' } }] },
      event: { type: 'requirement', params: { code: 'work_experience_too_short', message } },
    },
  ],
  parameters: { minWorkExperienceDays: minDays },
  effectiveFrom,
  note: `at least ${minDays} days`,
  testCases: testCases ?? [
    { name: 'at the threshold', referenceDate: effectiveFrom, facts: { workExperienceDays: minDays }, expected: { eligible: true } },
    {
      name: 'a day short',
      referenceDate: effectiveFrom,
      facts: { workExperienceDays: minDays - 1 },
      expected: { eligible: false, reasons: ['work_experience_too_short'] },
    },
  ],
});

describe('eligibility rule sets', () => {
  it('when an administrator drafts a rule set, then it is a draft with its test results, and the draft is audited', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    const res = await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set(author.auth)
      .send(experienceRuleSet(h.clock.today(), 2555))
      .expect(201);
    expect(res.body).to.include({
      programme: code,
      version: 1,
      state: 'draft',
      effectiveFrom: h.clock.today(),
      authorId: author.principal.userId,
    });
    expect(res.body.testResults).to.deep.include({ total: 2, passed: 2 });
    const audit = await h.http.get(`/v1/audit?entityType=rule_set&entityId=${res.body.id}`).set(author.auth).expect(200);
    expect(audit.body.items.map((item: { action: string }) => item.action)).to.deep.equal(['ruleset.drafted']);
  });

  it('when a draft names an unknown fact, then 422 points at it and nothing is saved', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    const body = experienceRuleSet(h.clock.today(), 2555);
    (body.rules[0] as { conditions: { all: Record<string, unknown>[] } }).conditions.all[0]!.fact = 'shoeSize';
    const res = await h.http.post(`/v1/programmes/${code}/rulesets`).set(author.auth).send(body).expect(422);
    expect(res.body.code).to.equal('invalid_ruleset');
    expect(res.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/rules/0/conditions/all/0/fact']);
    const list = await h.http.get(`/v1/programmes/${code}/rulesets`).set(author.auth).expect(200);
    expect(list.body.items).to.deep.equal([]);
  });

  it('when a draft has a past date, unknown keys or goes to an unknown programme, then it is refused', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    const past = await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set(author.auth)
      .send(experienceRuleSet(addDays(h.clock.today(), -1), 2555))
      .expect(422);
    expect(past.body.code).to.equal('effective_date_in_past');
    await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set(author.auth)
      .send({ ...experienceRuleSet(h.clock.today(), 2555), extra: true })
      .expect(400);
    await h.http.post(`/v1/programmes/NOPE/rulesets`).set(author.auth).send(experienceRuleSet(h.clock.today(), 2555)).expect(404);
    await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set((await createActor(h, 'auditor')).auth)
      .send(experienceRuleSet(h.clock.today(), 2555))
      .expect(403);
  });

  it('when a draft sets a parameter no condition uses, then 422 names it and nothing is saved', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    // The administrator meant to raise the threshold, but misspelt it: the rules would not change.
    const valid = experienceRuleSet(h.clock.today(), 2555);
    const res = await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set(author.auth)
      .send({ ...valid, parameters: { ...valid.parameters, minWorkExperienceDay: 3000 } })
      .expect(422);
    expect(res.headers['content-type']).to.contain('application/problem+json');
    expect(res.body.code).to.equal('invalid_ruleset');
    expect(res.body.errors).to.deep.equal([{ path: '/parameters/minWorkExperienceDay', message: 'no condition uses this parameter' }]);
    const list = await h.http.get(`/v1/programmes/${code}/rulesets`).set(author.auth).expect(200);
    expect(list.body.items).to.deep.equal([]);
  });

  it('when a note, parameter or test case holds a NUL, then 400 naming it and nothing is saved', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    const valid = experienceRuleSet(h.clock.today(), 2555);
    const cases: [Draft, string][] = [
      [{ ...valid, note: 'a\u0000b' }, '/note'],
      [{ ...valid, note: 'bell\u0007' }, '/note'],
      [{ ...valid, parameters: { ...valid.parameters, label: 'a\u0000b' } }, '/parameters/label'],
      [{ ...valid, parameters: { ...valid.parameters, label: 'a\udc00b' } }, '/parameters/label'],
      [{ ...valid, testCases: [{ ...(valid.testCases![0] as object), name: 'a\u0000' }] }, '/testCases/0/name'],
    ];
    for (const [body, path] of cases) {
      const res = await h.http.post(`/v1/programmes/${code}/rulesets`).set(author.auth).send(body).expect(400);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        path,
      ).to.deep.equal([path]);
    }
    const list = await h.http.get(`/v1/programmes/${code}/rulesets`).set(author.auth).expect(200);
    expect(list.body.items).to.deep.equal([]);
  });

  it('when the versions are paged, then a cursor that is not a version this service issued is a 400, never a 500', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    await draft(h, author, code, experienceRuleSet(h.clock.today(), 2555));
    await draft(h, author, code, experienceRuleSet(addDays(h.clock.today(), 1), 2555));
    const first = await h.http.get(`/v1/programmes/${code}/rulesets?limit=1`).set(author.auth).expect(200);
    expect(first.body.items.map((item: { version: number }) => item.version)).to.deep.equal([2]);
    const second = await h.http.get(`/v1/programmes/${code}/rulesets?limit=1&cursor=${first.body.nextCursor}`).set(author.auth).expect(200);
    expect(second.body.items.map((item: { version: number }) => item.version)).to.deep.equal([1]);
    for (const key of [[1.5], [1e30], ['2'], [0]]) {
      const res = await h.http.get(`/v1/programmes/${code}/rulesets?cursor=${encodeCursor(key)}`).set(author.auth);
      expect([res.status, res.body.errors?.[0]?.path], JSON.stringify(key)).to.deep.equal([400, '/query/cursor']);
    }
  });

  it('when the author approves their own rule set, then 403 four_eyes_required; a second administrator approves it', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author, approver } = await admins(h);
    const id = await draft(h, author, code, experienceRuleSet(h.clock.today(), 2555));
    const own = await h.http.post(`/v1/rulesets/${id}/approve`).set(author.auth).expect(403);
    expect(own.body.code).to.equal('four_eyes_required');
    const res = await h.http.post(`/v1/rulesets/${id}/approve`).set(approver.auth).expect(200);
    expect(res.body).to.include({ state: 'approved', approvedBy: approver.principal.userId });
    const again = await h.http.post(`/v1/rulesets/${id}/approve`).set(approver.auth).expect(409);
    expect(again.body.code).to.equal('ruleset_not_draft');
  });

  it('when a draft is edited, then only its author may, and only while it is a draft', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author, approver } = await admins(h);
    const id = await draft(h, author, code, experienceRuleSet(h.clock.today(), 2555));
    const other = await h.http.put(`/v1/rulesets/${id}`).set(approver.auth).send(experienceRuleSet(h.clock.today(), 3000)).expect(403);
    expect(other.body.code).to.equal('not_author');
    const edited = await h.http.put(`/v1/rulesets/${id}`).set(author.auth).send(experienceRuleSet(h.clock.today(), 3000)).expect(200);
    expect(edited.body.parameters).to.deep.equal({ minWorkExperienceDays: 3000 });
    await h.http.post(`/v1/rulesets/${id}/approve`).set(approver.auth).expect(200);
    const late = await h.http.put(`/v1/rulesets/${id}`).set(author.auth).send(experienceRuleSet(h.clock.today(), 2000)).expect(409);
    expect(late.body.code).to.equal('ruleset_not_draft');
  });

  it('when a draft fails its own test cases or has none, then it cannot be approved', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author, approver } = await admins(h);
    const wrong = [
      {
        name: 'claims 100 days are enough',
        referenceDate: h.clock.today(),
        facts: { workExperienceDays: 100 },
        expected: { eligible: true },
      },
    ];
    const failing = await draft(h, author, code, experienceRuleSet(h.clock.today(), 2555, wrong));
    const res = await h.http.post(`/v1/rulesets/${failing}/approve`).set(approver.auth).expect(422);
    expect(res.body.code).to.equal('test_cases_failed');
    expect(res.body.failures[0]).to.deep.include({ name: 'claims 100 days are enough', passed: false });
    const none = await draft(h, author, code, experienceRuleSet(h.clock.today(), 2555, []));
    expect((await h.http.post(`/v1/rulesets/${none}/approve`).set(approver.auth).expect(422)).body.code).to.equal('test_cases_missing');
  });

  it('when another rule set already takes effect on the same date, then approval is 409', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const who = await admins(h);
    await approvedRuleSet(h, who, code, experienceRuleSet(h.clock.today(), 2555));
    const id = await draft(h, who.author, code, experienceRuleSet(h.clock.today(), 3000));
    const res = await h.http.post(`/v1/rulesets/${id}/approve`).set(who.approver.auth).expect(409);
    expect(res.body.code).to.equal('effective_date_taken');
  });

  it("when a rule change takes effect tomorrow, then today's decisions keep the old rules and a claim keeps the date it was made", async () => {
    const h = harness();
    const code = await createProgramme(h);
    const who = await admins(h);
    const today = h.clock.today();
    const tomorrow = addDays(today, 1);
    const v1 = await approvedRuleSet(h, who, code, experienceRuleSet(today, 2555));
    const v2 = await approvedRuleSet(h, who, code, experienceRuleSet(tomorrow, 3000));
    const citizen = await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2800 } });
    const now = await h.http.post(`/v1/programmes/${code}/eligibility`).set(citizen.actor.auth).send({}).expect(200);
    expect(now.body).to.deep.include({ eligible: true, ruleSet: { id: v1, version: 1 } });
    const versions = await h.http.get(`/v1/programmes/${code}/rulesets`).set(who.author.auth).expect(200);
    expect(
      versions.body.items.map((item: { version: number; state: string; effectiveTo: string | null }) => [
        item.version,
        item.state,
        item.effectiveTo,
      ]),
    ).to.deep.equal([
      [2, 'approved', null],
      [1, 'superseded', tomorrow],
    ]);
    const saved = h.clock.now();
    try {
      h.clock.set(`${tomorrow}T09:00:00Z`);
      const later = await h.http.post(`/v1/programmes/${code}/eligibility`).set(citizen.actor.auth).send({}).expect(200);
      expect(later.body).to.deep.include({ eligible: false, ruleSet: { id: v2, version: 2 } });
      expect(later.body.reasons[0]).to.include({ code: 'work_experience_too_short', expected: 3000, actual: 2800 });
      const claim = await decideEligibility(h.context, {
        citizenId: citizen.id,
        programmeCode: code,
        referenceDate: today,
        actor: { userId: null },
        language: 'en',
      });
      expect(claim).to.deep.include({ eligible: true, ruleSet: { id: v1, version: 1 }, referenceDate: today });
    } finally {
      h.clock.set(saved);
    }
  });

  it('when a draft is simulated, then every citizen is evaluated under both rule sets and the changes are counted', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const who = await admins(h);
    const today = h.clock.today();
    await approvedRuleSet(h, who, code, experienceRuleSet(today, 2555));
    await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2800 } });
    await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2000 } });
    const id = await draft(h, who.author, code, experienceRuleSet(addDays(today, 1), 3000));
    // Every citizen of the database is evaluated, and other files register citizens meanwhile: the
    // count is the one the simulation saw, between those before and after it.
    const citizens = async () =>
      ((await h.sequelize.query(`SELECT count(*)::int AS count FROM citizens`))[0] as [{ count: number }])[0].count;
    const before = await citizens();
    const res = await h.http.post(`/v1/rulesets/${id}/simulate`).set(who.approver.auth).send({ referenceDate: today }).expect(200);
    expect(res.body.evaluated).to.be.within(before, await citizens());
    expect(res.body.newlyIneligible).to.be.at.least(1);
    expect(res.body.eligibleNow - res.body.eligibleWithDraft).to.equal(res.body.newlyIneligible - res.body.newlyEligible);
    expect(res.body.examples.length).to.be.within(1, 10);
    for (const example of res.body.examples) {
      expect(example.change).to.equal('newly_ineligible');
      expect(example.reasonsWithDraft).to.include('work_experience_too_short');
    }
  });

  it('when an approved rule set is changed in the database, then the database refuses', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const id = await approvedRuleSet(h, await admins(h), code, experienceRuleSet(h.clock.today(), 2555));
    let refused: unknown;
    try {
      await h.sequelize.query(`UPDATE rule_sets SET parameters = '{"minWorkExperienceDays": 1}' WHERE id = '${id}'`);
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.match(/only its state may change/);
  });
});

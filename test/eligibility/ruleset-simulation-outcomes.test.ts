// Rule sets that do not exist, drafts without a note or test cases, and what a simulation reports
// when a draft is more lenient than the rules in force, or when no rules are in force yet.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { addDays } from '../../server/shared/calendar.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { admins, approvedRuleSet, createProgramme, draft, flemishEmployee, type Draft } from './fixtures.js';

const message = { en: 'Too short.', nl: 'Te kort.' };
const experience = (effectiveFrom: string, minDays: number): Draft => ({
  rules: [
    {
      name: 'enough work experience',
      conditions: { all: [{ fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: { param: 'minDays' } }] },
      event: { type: 'requirement', params: { code: 'work_experience_too_short', message } },
    },
  ],
  parameters: { minDays },
  effectiveFrom,
});

type Example = { citizenId: string; change: string; reasonsNow: string[]; reasonsWithDraft: string[] };

describe('rule sets: unknown ids, bare drafts and simulation outcomes', () => {
  it('when a rule set or programme does not exist, then reading, editing, simulating and listing answer 404', async () => {
    const h = harness();
    const { author } = await admins(h);
    const id = randomUUID();
    expect((await h.http.get(`/v1/rulesets/${id}`).set(author.auth).expect(404)).body.code).to.equal('not_found');
    await h.http.put(`/v1/rulesets/${id}`).set(author.auth).send(experience(h.clock.today(), 100)).expect(404);
    await h.http.post(`/v1/rulesets/${id}/simulate`).set(author.auth).send({}).expect(404);
    await h.http.get('/v1/programmes/TNOSUCHP/rulesets').set(author.auth).expect(404);
  });

  it('when a draft has no note and no test cases, then it is saved with a null note, no cases and no test results', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    const id = await draft(h, author, code, experience(h.clock.today(), 100));
    const res = await h.http.get(`/v1/rulesets/${id}`).set(author.auth).expect(200);
    expect(res.body).to.deep.include({ note: null, testCases: [], testResults: { total: 0, passed: 0, failures: [] } });
  });

  it('when a draft is more lenient than the rules in force, then those it admits are counted and shown as newly eligible', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const who = await admins(h);
    const today = h.clock.today();
    const cases = [{ name: 'a day short', referenceDate: today, facts: { workExperienceDays: 2999 }, expected: { eligible: false } }];
    const inForce = await approvedRuleSet(h, who, code, { ...experience(today, 3000), testCases: cases });
    await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2000 } });
    const id = await draft(h, who.author, code, experience(addDays(today, 1), 1000));
    const res = await h.http.post(`/v1/rulesets/${id}/simulate`).set(who.approver.auth).send({ referenceDate: today }).expect(200);
    expect(res.body.comparedWith).to.deep.equal({ id: inForce, version: 1 });
    expect(res.body.newlyEligible).to.be.at.least(1);
    expect(res.body.eligibleWithDraft - res.body.eligibleNow).to.equal(res.body.newlyEligible - res.body.newlyIneligible);
    const examples = res.body.examples as Example[];
    expect(examples.length).to.be.within(1, 5);
    // Only the requirement both rule sets state differs: whoever the draft admits was refused for it alone.
    for (const example of examples)
      expect(example).to.deep.include({ change: 'newly_eligible', reasonsNow: ['work_experience_too_short'], reasonsWithDraft: [] });
  });

  it('when no rules are in force yet, then the draft is compared with nothing: no one is eligible now', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const { author } = await admins(h);
    await createCitizen(h, { facts: { ...flemishEmployee, workExperienceDays: 2000 } });
    const id = await draft(h, author, code, experience(h.clock.today(), 1000));
    const res = await h.http.post(`/v1/rulesets/${id}/simulate`).set(author.auth).send({}).expect(200);
    expect(res.body).to.include({ comparedWith: null, referenceDate: h.clock.today(), eligibleNow: 0, newlyIneligible: 0 });
    expect(res.body.newlyEligible).to.equal(res.body.eligibleWithDraft).and.to.be.at.least(1);
  });
});

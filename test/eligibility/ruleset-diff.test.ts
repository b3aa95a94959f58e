import { expect } from 'chai';
import { addDays } from '../../server/shared/calendar.js';
import { createActor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { admins, approvedRuleSet, createProgramme, draft, type Draft } from './fixtures.js';

const message = { en: 'At least {expected} days are needed.', nl: 'Er zijn minstens {expected} dagen nodig.' };
const rules = (effectiveFrom: string, minDays: number, extra: unknown[] = []): Draft => ({
  rules: [
    {
      name: 'enough work experience',
      conditions: {
        all: [{ fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: { param: 'minWorkExperienceDays' } }, ...extra],
      },
      event: { type: 'requirement', params: { code: 'work_experience_too_short', message } },
    },
  ],
  parameters: { minWorkExperienceDays: minDays },
  effectiveFrom,
  testCases: [
    {
      name: 'enough',
      referenceDate: effectiveFrom,
      facts: { workExperienceDays: 5000, employmentStatus: 'employee' },
      expected: { eligible: true },
    },
  ],
});

describe('GET /v1/rulesets/:id/diff: what changed between two versions', () => {
  it('when a draft raises a threshold and adds a condition, then its diff against the version before it names both; other versions and roles are answered as they should be', async () => {
    const h = harness();
    const code = await createProgramme(h);
    const who = await admins(h);
    const v1 = await approvedRuleSet(h, who, code, rules(h.clock.today(), 2555));
    const v2 = await draft(
      h,
      who.author,
      code,
      rules(addDays(h.clock.today(), 1), 3000, [{ fact: 'employmentStatus', operator: 'in', value: ['employee'] }]),
    );
    const diff = (await h.http.get(`/v1/rulesets/${v2}/diff`).set(who.author.auth).expect(200)).body;
    expect(diff.older).to.deep.include({ id: v1, version: 1, state: 'approved' });
    expect(diff.newer).to.deep.include({ id: v2, version: 2, state: 'draft' });
    expect(diff).to.deep.include({ rulesAdded: [], rulesRemoved: [] });
    expect(diff.rulesChanged).to.deep.equal([
      {
        name: 'enough work experience',
        conditions: [{ at: '/all/1', after: { fact: 'employmentStatus', operator: 'in', value: ['employee'] } }],
      },
    ]);
    expect(diff.parameters).to.deep.equal([{ at: '/parameters/minWorkExperienceDays', before: 2555, after: 3000 }]);

    // From the older one, naming the newer: the same, older on the left. Version 1 alone has nothing before it.
    const auditor = await createActor(h, 'auditor');
    const back = (await h.http.get(`/v1/rulesets/${v1}/diff?with=${v2}`).set(auditor.auth).expect(200)).body;
    expect(back.older.id).to.equal(v1);
    expect(back.parameters).to.deep.equal(diff.parameters);
    await h.http.get(`/v1/rulesets/${v1}/diff`).set(auditor.auth).expect(404);
    await h.http.get(`/v1/rulesets/${v1}/diff?with=${v1}`).set(auditor.auth).expect(404);
    const elsewhere = await approvedRuleSet(h, who, await createProgramme(h), rules(h.clock.today(), 2555));
    await h.http.get(`/v1/rulesets/${v2}/diff?with=${elsewhere}`).set(auditor.auth).expect(404);
    const bad = await h.http.get(`/v1/rulesets/${v2}/diff?with=v1`).set(auditor.auth).expect(400);
    expect(bad.body.errors[0].path).to.equal('/query/with');
    const citizen = await createCitizen(h);
    await h.http.get(`/v1/rulesets/${v2}/diff`).set(citizen.actor.auth).expect(403);
    await h.http.get(`/v1/rulesets/${v2}/diff`).expect(401);
  });
});

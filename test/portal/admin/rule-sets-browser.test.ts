import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { addDays } from '../../../server/shared/calendar.js';
import { approvedRuleSet, createProgramme, draft, type Draft } from '../../eligibility/fixtures.js';

const experienceRules = (effectiveFrom: string, minDays: number): Draft => ({
  rules: [
    {
      name: 'enough work experience',
      conditions: { all: [{ fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: { param: 'minWorkExperienceDays' } }] },
      event: {
        type: 'requirement',
        params: { code: 'work_experience_too_short', message: { en: 'At least {expected} days.', nl: 'Minstens {expected} dagen.' } },
      },
    },
  ],
  parameters: { minWorkExperienceDays: minDays },
  effectiveFrom,
  testCases: [{ name: 'at 4000 days', referenceDate: effectiveFrom, facts: { workExperienceDays: 4000 }, expected: { eligible: true } }],
});

describe('Administrators in a real browser: change a threshold in the rule editor, simulate, approve as the second administrator', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when the author raises the threshold and another administrator simulates and approves it, then every page passes axe at 360 px', async () => {
    const h = harness();
    const javaScript = true;
    const code = await createProgramme(h);
    const author = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    await approvedRuleSet(h, { author, approver }, code, experienceRules(h.clock.today(), 2555));
    const id = await draft(h, author, code, experienceRules(addDays(h.clock.today(), 1), 2555));

    const page = await signInThrough(browsing, { email: author.principal.email, password: author.password }, '/admin', { javaScript });
    await page.goto('/admin/rule-sets');
    await expectUsable(page, { javaScript });
    await page.goto(`/admin/rule-sets/programmes/${code}`);
    await expectUsable(page, { javaScript });
    await page.getByRole('link', { name: 'Version 2' }).click();
    await page.waitForURL(`**/admin/rule-sets/${id}`);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Edit this draft' }).click();
    await page.waitForURL(`**/admin/rule-sets/${id}/edit`);
    await expectUsable(page, { javaScript });
    await page.getByLabel('minWorkExperienceDays').fill('3000');
    await page.getByRole('button', { name: 'Save draft' }).first().click();
    await page.waitForURL(`**/admin/rule-sets/${id}?done=saved`);
    expect(await page.locator('#test-summary').textContent()).to.equal('1 of 1 test cases pass.');
    await expectUsable(page, { javaScript });

    const second = await signInThrough(browsing, { email: approver.principal.email, password: approver.password }, '/admin', {
      javaScript,
    });
    await second.goto(`/admin/rule-sets/${id}`);
    await second.getByRole('button', { name: 'Simulate' }).click();
    await second.waitForURL(`**/admin/rule-sets/${id}/simulation`);
    await expectUsable(second, { javaScript });
    await second.getByRole('button', { name: 'Run the simulation' }).click();
    await second.locator('#counts').waitFor();
    await expectUsable(second, { javaScript });
    await second.goto(`/admin/rule-sets/${id}/compare`);
    expect(await second.locator('main').textContent()).to.include('/parameters/minWorkExperienceDays');
    await expectUsable(second, { javaScript });
    await second.goto(`/admin/rule-sets/${id}`);
    await second.getByRole('button', { name: 'Approve' }).click();
    await second.waitForURL(`**/admin/rule-sets/${id}/approve`);
    await expectUsable(second, { javaScript });
    await second.getByRole('button', { name: 'Approve these rules' }).click();
    await second.waitForURL(`**/admin/rule-sets/${id}?done=approved`);
    expect(await second.locator('main').textContent()).to.include('Approved');
    await expectUsable(second, { javaScript });
    const stored = (await h.http.get(`/v1/rulesets/${id}`).set(approver.auth).expect(200)).body;
    expect(stored).to.deep.include({ state: 'approved', parameters: { minWorkExperienceDays: 3000 } });
  });
});

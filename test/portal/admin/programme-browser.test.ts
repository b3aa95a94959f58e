// In a real browser (issue 18): one administrator proposes a fee change from the programme's
// page, a second approves it from their home; one opens a programme (without JavaScript), a
// second rejects it with a reason. Every page visited passes axe at 360 px.
import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { programmeCode } from '../../support/programme-factory.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';

describe('Administration portal in a real browser: a parameter change with four eyes', function () {
  this.timeout(240_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an administrator proposes a new hourly fee and a second one approves it (JavaScript on), then the version is in the programme and every page passes axe', async () => {
    const h = harness();
    const { code } = await openLbcLike(h);
    const proposer = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const javaScript = true;

    const page = await signInThrough(browsing, { email: proposer.principal.email, password: proposer.password }, '/admin', { javaScript });
    await expectUsable(page, { javaScript });
    await page.goto(`/admin/programmes/${code}`);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Propose a parameter change' }).click();
    await page.waitForURL(`**/admin/programmes/${code}/parameters/new`);
    await expectUsable(page, { javaScript });
    await page.getByRole('group', { name: 'In force from' }).getByLabel('Day').fill('1');
    await page.getByRole('group', { name: 'In force from' }).getByLabel('Month').fill('3');
    await page.getByRole('group', { name: 'In force from' }).getByLabel('Year').fill('2027');
    await page.getByLabel('Hourly fee paid to centres').fill('2000');
    await page.getByRole('button', { name: 'Continue' }).click();
    // The service's ceiling, named at the field in the error summary before the answers are checked.
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Hourly fee paid to centres: must be at most 1000.000');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Hourly fee paid to centres').fill('150.00');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/admin/pending-changes/*?done=requested');
    expect(await page.locator('.govuk-panel').textContent()).to.include('Change sent for approval');
    await expectUsable(page, { javaScript });

    const second = await signInThrough(browsing, { email: approver.principal.email, password: approver.password }, '/admin', {
      javaScript,
    });
    await second
      .getByRole('link', { name: `Parameter change: ${code}` })
      .first()
      .click();
    await second.waitForURL('**/admin/pending-changes/*');
    await expectUsable(second, { javaScript });
    await second.getByRole('button', { name: 'Approve and apply' }).click();
    await second.waitForURL('**/admin/pending-changes/*?done=approved');
    await expectUsable(second, { javaScript });
    await second.getByRole('link', { name: code, exact: true }).click();
    await second.waitForURL(`**/admin/programmes/${code}`);
    const future = (await second.locator('#version-2027-03-01').textContent())?.replace(/\s+/g, ' ');
    expect(future).to.include('Future').and.include('EUR 150.00');
    await expectUsable(second, { javaScript });
  });

  it('when an administrator opens a credit lots programme with JavaScript off and a second one rejects it, then every page passes axe', async () => {
    const h = harness();
    const proposer = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const javaScript = false;
    const code = programmeCode();

    const page = await signInThrough(browsing, { email: proposer.principal.email, password: proposer.password }, '/admin', { javaScript });
    await page.goto('/admin/programmes');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Open a programme' }).click();
    await page.waitForURL('**/admin/programmes/new');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectUsable(page, { javaScript });
    await page.getByLabel('Credit lots').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/admin/programmes/new/credit-lots');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Programme code').fill(code);
    await page.getByLabel('Name in English').fill(`Credit ${code}`);
    await page.getByLabel('Name in Dutch').fill(`Krediet ${code}`);
    await page.getByLabel('Currency').fill('SGD');
    const from = page.getByRole('group', { name: 'In force from' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('7');
    await from.getByLabel('Year').fill('2027');
    await page.getByLabel('Credit lots').fill('[{ "lot": "opening_credit", "amount": "500.00", "fromAge": 25 }]');
    await page.getByLabel('Earliest expiry first').check();
    await page.getByLabel('Weeks for the provider to verify').fill('4');
    await page.getByRole('button', { name: 'Continue' }).click();
    // The lot misses values its kind needs: the service names the field.
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Credit lots:');
    await expectUsable(page, { javaScript });
    await page
      .getByLabel('Credit lots')
      .fill(
        '[{ "lot": "opening_credit", "amount": "500.00", "fromAge": 25, "group": null, "grantedFrom": null, "grantedUntil": null, "expiresOn": null, "validYears": 5, "courseTags": [] }]',
      );
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/admin/pending-changes/*?done=requested');
    await expectUsable(page, { javaScript });
    const changePath = new URL(page.url()).pathname;

    const second = await signInThrough(browsing, { email: approver.principal.email, password: approver.password }, '/admin', {
      javaScript,
    });
    await second.goto('/admin/pending-changes');
    await expectUsable(second, { javaScript });
    await second.goto(`${changePath}/reject`);
    await second.getByRole('button', { name: 'Reject the change' }).click();
    await second.locator('.govuk-error-summary').waitFor();
    await expectUsable(second, { javaScript });
    await second.getByLabel('Why do you reject it?').fill('Not before the budget is agreed.');
    await second.getByRole('button', { name: 'Reject the change' }).click();
    await second.waitForURL('**/admin/pending-changes/*?done=rejected');
    expect(await second.locator('.govuk-summary-list').textContent()).to.include('Not before the budget is agreed.');
    await expectUsable(second, { javaScript });
  });
});

import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCitizen } from '../../support/citizen-factory.js';
import { harness } from '../../support/harness.js';

describe('Admin portal in a real browser: acting for a citizen at the counter (JavaScript off)', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an administrator starts after a wrong number, acts under the banner and ends it, then every page passes axe at 360 px', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const citizen = await createCitizen(h, { name: 'Mieke Janssens' });
    const javaScript = false;
    const page = await signInThrough(browsing, { email: admin.principal.email, password: admin.password }, '/admin', { javaScript });
    await page.goto('/admin/assisted');
    await expectUsable(page, { javaScript });
    await page.getByLabel('National number').fill('12345');
    await page.getByRole('button', { name: 'Start acting for this citizen' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectUsable(page, { javaScript });
    await page.getByLabel('National number').fill(citizen.nationalId);
    await page.getByLabel('In person: I checked their identity document').check();
    await page.getByLabel('Note about their agreement').fill('Identity card checked at the counter.');
    await page.getByRole('button', { name: 'Start acting for this citizen' }).click();
    await page.waitForURL((url) => url.pathname === '/citizen');
    expect(await page.locator('.govuk-notification-banner').textContent()).to.include('You are acting for Mieke Janssens');
    await expectUsable(page, { javaScript });
    await page.goto('/citizen/eligibility');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Stop acting for this citizen' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/assisted');
    expect(await page.locator('.govuk-notification-banner').textContent()).to.include('You are no longer acting for the citizen.');
    await expectUsable(page, { javaScript });
  });
});

import { expect } from 'chai';
import { createCentre } from '../../support/centre-factory.js';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';

const REASON = 'The inspection of 3 March found sessions that were never held.';

describe('Admin portal in a real browser: suspend a centre', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an administrator finds a centre, suspends its accreditation without and then with a reason and confirms, then it shows suspended and every page passes axe at 360 px (JavaScript on)', async () => {
    const h = harness();
    const centre = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const javaScript = true;
    const page = await signInThrough(browsing, { email: admin.principal.email, password: admin.password }, '/admin', { javaScript });

    await page.goto('/admin/centres');
    await page.getByLabel('Find by name or enterprise number').fill(centre.enterpriseNumber);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/search=/);
    await expectUsable(page, { javaScript });
    await page.getByRole('link', { name: centre.name }).click();
    await page.waitForURL(new RegExp(`/admin/centres/${centre.id}$`));
    await expectUsable(page, { javaScript });

    await page.getByRole('link', { name: 'Suspend LBC accreditation' }).click();
    await page.waitForURL(/\/suspend$/);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter the reason, in 3 to 2000 characters');
    expect(await page.title()).to.match(/^Error: /);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Reason').fill(REASON);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check before you change the accreditation' }).waitFor();
    expect(await page.locator('.govuk-summary-list').textContent()).to.include(REASON);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Suspend accreditation' }).click();
    await page.waitForURL(/\?done=suspended/);
    expect(await page.locator('.govuk-notification-banner').textContent()).to.include('The accreditation is suspended.');
    expect(await page.locator(`#accreditation-${centre.accreditationId}`).textContent())
      .to.include('Suspended')
      .and.include(REASON);
    await expectUsable(page, { javaScript });
  });
});

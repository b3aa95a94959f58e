import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness } from '../../support/harness.js';

describe("Centre portal in a real browser: the centre's administrator changes its contact details", function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when the administrator fixes a bad website and saves (JavaScript off), then every page passes axe at 360 px and the details show', async () => {
    const h = harness();
    const centre = await createCentre(h);
    await h.http
      .put(`/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`)
      .set((await createActor(h, 'admin')).auth)
      .send({ centreAdmin: true })
      .expect(200);
    const javaScript = false;
    const page = await signInThrough(browsing, { email: centre.staff.principal.email, password: centre.staff.password }, '/centre', {
      javaScript,
    });
    await page.goto('/centre/contact');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Change contact details' }).click();
    await page.waitForURL(/\/centre\/contact\/change$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Postcode').fill('9000');
    await page.getByLabel('Town or municipality').fill('Gent');
    await page.getByLabel('Website').fill('loopbaan.example');
    await page.getByRole('button', { name: 'Save contact details' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('https://');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Website').fill('https://loopbaan.example');
    await page.getByRole('button', { name: 'Save contact details' }).click();
    await page.waitForURL(/\/centre\/contact\?done=saved$/);
    expect(await page.locator('main').textContent())
      .to.include('9000')
      .and.include('https://loopbaan.example');
    await expectUsable(page, { javaScript });
  });
});

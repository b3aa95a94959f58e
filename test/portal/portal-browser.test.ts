import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../support/browser.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

describe('Portal in a real browser: start page, sign-in and every home, with JavaScript on and off', function () {
  this.timeout(120_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'JavaScript on' : 'JavaScript off';

    it(`when a visitor reads the start page (${mode}), then it passes axe at 360 px and leads to sign-in`, async () => {
      const page = await browsing.visit('/', { javaScript });
      expect(await page.locator('h1').count()).to.equal(1);
      expect(await page.getAttribute('body', 'class')).to.equal(
        javaScript ? 'govuk-template__body js-enabled govuk-frontend-supported' : 'govuk-template__body',
      );
      await expectUsable(page, { javaScript });
      await page.getByRole('link', { name: 'Nederlands' }).click();
      await page.waitForURL(/\/$/);
      expect(await page.getAttribute('html', 'lang')).to.equal('nl');
      await expectUsable(page, { javaScript });
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.waitForURL(/\/login$/);
      expect(await page.locator('h1').textContent()).to.equal('Aanmelden');
      await page.context().close();
    });

    it(`when the sign-in form is sent wrong (${mode}), then the error summary is shown and passes axe`, async () => {
      const page = await browsing.visit('/login', { javaScript });
      await expectUsable(page, { javaScript });
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.title()).to.match(/^Error: /);
      await expectUsable(page, { javaScript });
      await page.context().close();
    });

    it(`when each role signs in (${mode}), then its home passes axe at 360 px and it can sign out`, async () => {
      const h = harness();
      const citizen = await createCitizen(h);
      const centre = await createCentre(h);
      const admin = await createActor(h, 'admin');
      const auditor = await createActor(h, 'auditor');
      const users = [
        { email: citizen.email, home: '/citizen' },
        { email: centre.staff.principal.email, home: '/centre' },
        { email: admin.principal.email, home: '/admin' },
        { email: auditor.principal.email, home: '/auditor' },
      ];
      for (const user of users) {
        const page = await signInThrough(browsing, { email: user.email, password: admin.password }, user.home, { javaScript });
        expect(await page.locator('main').textContent()).to.include(user.email);
        await expectUsable(page, { javaScript });
        // On a phone, with JavaScript, a navigation of several links folds behind its Menu button.
        const menu = page.getByRole('button', { name: 'Menu' });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/$/);
        await page.context().close();
      }
    });
  }
});

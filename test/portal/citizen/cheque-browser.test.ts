import { expect } from 'chai';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { fundLbc, lbcCentre, lbcCitizen } from '../../support/voucher-factory.js';

describe('Citizen portal in a real browser: claim LBC, order a cheque, pay it through the stand-in and show it', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
    await fundLbc(harness());
    await lbcCentre(harness());
  });
  after(async () => {
    await browsing?.stop();
  });

  for (const javaScript of [true, false]) {
    it(`when a citizen claims, orders, pays and opens the cheque (JavaScript ${javaScript ? 'on' : 'off'}), then every page passes axe at 360 px`, async () => {
      const citizen = await lbcCitizen(harness());
      const page = await signInThrough(browsing, { email: citizen.email, password: citizen.actor.password }, '/citizen', { javaScript });

      await page.goto('/citizen/eligibility');
      await expectUsable(page, { javaScript });
      await page.locator('section[aria-labelledby="programme-LBC"] a.govuk-button').click();
      await page.waitForURL(/\/citizen\/programmes\/LBC\/claim$/);
      await expectUsable(page, { javaScript });

      await page.getByRole('button', { name: 'Confirm and claim' }).click();
      await page.waitForURL(/\/citizen\/rights\/[0-9a-f-]+\/claimed$/);
      expect(await page.locator('.govuk-panel__title').textContent()).to.include('Claim granted');
      await expectUsable(page, { javaScript });

      await page.getByRole('button', { name: 'Order a cheque' }).click();
      await page.waitForURL(/\/cheques\/new$/);
      await expectUsable(page, { javaScript });
      await page.getByRole('button', { name: 'Confirm and order' }).click();
      await page.waitForURL(/\/citizen\/cheques\/LBC-[0-9A-Z]{10}$/);
      expect(await page.locator('main').textContent()).to.include('EUR 45.00');
      await expectUsable(page, { javaScript });

      await page.getByRole('button', { name: 'Pay EUR 45.00' }).click();
      await page.waitForURL(/\/citizen\/pay\/LBC-[0-9A-Z]{10}$/);
      expect(await page.locator('h1').textContent()).to.equal('Payment page (development stand-in)');
      await expectUsable(page, { javaScript });
      await page.getByRole('button', { name: 'Pay EUR 45.00 (stand-in)' }).click();
      await page.waitForURL(/\/citizen\/cheques\/LBC-[0-9A-Z]{10}$/);
      expect(await page.locator('main').textContent()).to.include('Ready to use');
      expect(await page.locator('.portal-handover__value').count()).to.equal(2);
      await expectUsable(page, { javaScript });

      // Printed, the cheque is what remains: no header, navigation or buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).to.equal(false);
      expect(await page.locator('.portal-handover__value').first().isVisible()).to.equal(true);
      await page.emulateMedia({ media: 'screen' });

      await page.goto('/citizen/cheques');
      expect(await page.locator('main').textContent()).to.include('Ready to use');
      await expectUsable(page, { javaScript });
      await page.context().close();
    });
  }
});

import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness } from '../../support/harness.js';
import { belgianIban } from '../../settlement/support/bank-accounts.js';

const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

describe("Admin portal in a real browser: a centre's bank account", function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it("when an administrator changes a centre's bank account with a wrong BIC, then with a right one, checks and saves it, then the centre's page shows it and every page passes axe at 360 px (JavaScript on)", async () => {
    const h = harness();
    const centre = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const javaScript = true;
    const page = await signInThrough(browsing, { email: admin.principal.email, password: admin.password }, '/admin', { javaScript });
    const iban = belgianIban();

    await page.goto(`/admin/centres/${centre.id}`);
    await expectUsable(page, { javaScript });
    await page.getByRole('link', { name: 'Change bank account' }).click();
    await page.waitForURL(/\/bank-account$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('IBAN').fill(grouped(iban));
    await page.getByLabel('BIC').fill('KRED');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter a BIC of 8 or 11 letters and digits');
    await expectUsable(page, { javaScript });
    await page.getByLabel('BIC').fill('KREDBEBB');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check the bank account before you save it' }).waitFor();
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Save the bank account' }).click();
    await page.waitForURL(/\?done=bankAccount/);
    expect(await page.locator('main').textContent())
      .to.include(grouped(iban))
      .and.include('You set this account last');
    await expectUsable(page, { javaScript });
  });
});

import { expect } from 'chai';
import { formatReport, verifyLedger } from '../../../server/ledger/ledger-verify.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { disputedSession, disputeProgramme } from './dispute-support.js';

const NOTE = 'The centre could not show an attendance list for that day.';

describe('Admin portal in a real browser: decide a dispute', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    harness().clock.set(new Date());
    await browsing?.stop();
  });

  it('when an administrator upholds a dispute on a settled session after checking the answers, then the page shows the reversal and what the centre owes, and every page passes axe at 360 px (JavaScript off)', async () => {
    const h = harness();
    h.clock.set('2093-04-06T10:00:00Z');
    const programme = await disputeProgramme(h);
    const { disputeId, cheque } = await disputedSession(h, programme, { hours: '2.00', settled: true });
    const javaScript = false;
    const page = await signInThrough(browsing, { email: programme.admin.principal.email, password: programme.admin.password }, '/admin', {
      javaScript,
    });

    await page.goto('/admin/disputes');
    await expectUsable(page, { javaScript });
    await page.locator(`a[href="/admin/disputes/${disputeId}"]`).click();
    await page.waitForURL(new RegExp(`/admin/disputes/${disputeId}$`));
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent())
      .to.include('Choose whether to uphold or reject the dispute')
      .and.include('Enter the reason for the decision');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Uphold: the session did not happen as recorded').check();
    await page.getByLabel('Reason for the decision').fill(NOTE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your decision before it is made' }).waitFor();
    expect(await page.locator('main').textContent())
      .to.include(NOTE)
      .and.include(cheque.code);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Uphold the dispute' }).click();
    await page.waitForURL(/\?done=upheld$/);
    const main = await page.locator('main').textContent();
    expect(main).to.include('Reversal of the session').and.include('it owes EUR 200.00 back').and.include('EUR -200.00');
    await expectUsable(page, { javaScript });
    const report = await verifyLedger(h.sequelize);
    expect(report.ok, formatReport(report)).to.equal(true);
  });
});

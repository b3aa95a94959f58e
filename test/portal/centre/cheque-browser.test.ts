import { expect } from 'chai';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { openVoucherProgramme, setToday } from '../../support/voucher-factory.js';
import { issuedCheque } from './centre-pages-support.js';

const TODAY = '2026-12-01';

describe('Centre portal in a real browser: register a cheque, record a session, close it with a development plan', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when staff register, record (a non-billable kind refused first) and close (JavaScript on), then every page passes axe at 360 px', async () => {
    const h = harness();
    const programme = await openVoucherProgramme(h, TODAY);
    setToday(h, TODAY);
    const centre = await programme.centre();
    const { cheque } = await issuedCheque(h, programme);
    const javaScript = true;
    const page = await signInThrough(browsing, { email: centre.staff.principal.email, password: centre.staff.password }, '/centre', {
      javaScript,
    });
    await expectUsable(page, { javaScript });

    await page.locator('main').getByRole('button', { name: 'Register a cheque' }).click();
    await page.waitForURL(/\/centre\/cheques\/register$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Cheque code').fill(cheque.code);
    await page.getByLabel('Client number').fill(cheque.clientNumber);
    await page.getByRole('button', { name: 'Register the cheque' }).click();
    await page.waitForURL(new RegExp(`/centre/cheques/${cheque.code}\\?done=registered$`));
    expect(await page.locator('.govuk-notification-banner').textContent()).to.include('The cheque is registered at your centre.');
    await expectUsable(page, { javaScript });

    await page.getByRole('button', { name: 'Record a session' }).click();
    await page.waitForURL(/\/sessions\/new$/);
    await expectUsable(page, { javaScript });
    const [year, month, day] = TODAY.split('-') as [string, string, string];
    await page.getByLabel('Day').fill(day);
    await page.getByLabel('Month').fill(month);
    await page.getByLabel('Year').fill(year);
    await page.getByLabel('Hours', { exact: true }).fill('1.5');
    await page.getByLabel('Counsellor').fill('An Peeters');
    await page.getByLabel('Preparation').check();
    await page.getByRole('button', { name: 'Record the session' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Only guidance is paid from a cheque');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Guidance').check();
    await page.getByRole('button', { name: 'Record the session' }).click();
    await page.waitForURL(/\?done=recorded$/);
    expect(await page.locator('table').textContent()).to.include('An Peeters');
    await expectUsable(page, { javaScript });

    await page.getByRole('button', { name: 'Close with a development plan' }).click();
    await page.waitForURL(/\/close$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Summary of the guidance').fill('Wants to move into project management.');
    await page.getByLabel('Goals').fill('Take a PRINCE2 course\nTalk to HR about a transfer');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).to.include('Check the development plan');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Close the cheque' }).click();
    await page.waitForURL(/\?done=closed$/);
    expect(await page.locator('main').textContent()).to.include('Talk to HR about a transfer');
    await expectUsable(page, { javaScript });
    await page.context().close();
  });
});

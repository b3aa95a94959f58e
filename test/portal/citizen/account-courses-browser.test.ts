import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { creditCitizen, creditProvider, openCreditLots } from '../../credit-lots/credit-lots-fixtures.js';
import { fundIta, itaCitizen, providerWithCourse } from '../../applications/ita-fixtures.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import type { TestCitizen } from '../../support/citizen-factory.js';
import { adminActor, chequeInUse, fundLbc, guidance, recordSession, setToday } from '../../support/voucher-factory.js';

const JS = { javaScript: true };

describe('Citizen portal in a real browser: my account with a disputed session, applying for courses (JavaScript on)', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });
  beforeEach(() => setToday(harness(), '2026-12-01'));

  async function signedIn(citizen: TestCitizen, path: string): Promise<Page> {
    const page = await signInThrough(browsing, { email: citizen.email, password: citizen.actor.password }, '/citizen', JS);
    await page.goto(path);
    return page;
  }

  it('when a citizen says they were not at a recorded session, then every page on the way passes axe at 360 px', async () => {
    const h = harness();
    await fundLbc(h);
    const { citizen, entitlement, cheque, centre } = await chequeInUse(h, await adminActor(h));
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01', '2.00'))).status).to.equal(201);
    const page = await signedIn(citizen, '/citizen/account');
    await expectUsable(page, JS);
    await page.locator(`a[href="/citizen/account/${entitlement.id}"]`).click();
    await page.waitForURL(new RegExp(`/citizen/account/${entitlement.id}$`));
    await expectUsable(page, JS);
    await page.getByRole('link', { name: /I was not there/ }).click();
    await page.waitForURL(/\/dispute$/);
    await expectUsable(page, JS);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectUsable(page, JS);
    await page.getByLabel('What happened?').fill('I was ill that day.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/disputed$/);
    expect(await page.locator('h1').textContent()).to.include('We have your report');
    await expectUsable(page, JS);
    await page.getByRole('link', { name: 'Back to your right' }).click();
    expect(await page.locator('[aria-labelledby="sessions"]').textContent()).to.include('we are checking');
    await page.context().close();
  });

  it('when a citizen applies for an ITA course and for a credit-lots course, then search, course, check and confirmation pass axe at 360 px', async () => {
    const h = harness();
    await fundIta(h);
    const ita = await providerWithCourse(h, '250.00');
    const programme = await openCreditLots(h, { lots: [{ lot: 'opening', amount: '500.00' }] });
    const credit = (await creditProvider(h, programme.code, [{ price: '800.00' }])).courses[0]!;
    const journeys = [
      { citizen: await itaCitizen(h), course: ita.course, funded: 'GBP 200.00' },
      { citizen: await creditCitizen(h, { yearsOld: 30 }), course: credit, funded: 'SGD 500.00' },
    ];
    for (const { citizen, course, funded } of journeys) {
      const page = await signedIn(citizen, '/citizen/courses');
      await expectUsable(page, JS);
      await page.getByLabel('Course title').fill(course.title);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/citizen\/courses\?/);
      await expectUsable(page, JS);
      await page.getByRole('link', { name: course.title }).click();
      await page.waitForURL(new RegExp(`/citizen/courses/${course.id}$`));
      expect(await page.locator('main').textContent()).to.include(funded);
      await expectUsable(page, JS);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/check$/);
      await expectUsable(page, JS);
      await page.getByRole('button', { name: 'Apply for this course' }).click();
      await page.waitForURL(/\/confirmation$/);
      expect(await page.locator('.govuk-panel').textContent()).to.include('Application sent');
      await expectUsable(page, JS);
      await page.getByRole('link', { name: 'Follow your application' }).click();
      await page.waitForURL(/\/citizen\/applications\/[^/]+$/);
      await expectUsable(page, JS);
      await page.getByRole('button', { name: 'Cancel this application' }).click();
      await page.waitForURL(/\/cancel$/);
      await expectUsable(page, JS);
      await page.getByRole('button', { name: 'Yes, cancel the application' }).click();
      await page.waitForURL(/\/cancelled$/);
      await expectUsable(page, JS);
      await page.context().close();
    }
  });
});

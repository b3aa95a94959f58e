import { expect } from 'chai';
import { applyFor, fundIta, itaCitizen, providerWithCourse, setToday } from '../../applications/ita-fixtures.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';

const REASON = 'The course is full: it will not run for you this year.';

describe('Centre portal in a real browser: refuse an application with a reason; the citizen reads it', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
    setToday(harness(), '2026-05-10');
    await fundIta(harness());
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when a centre refuses without a reason and then with one (JavaScript off), then every page passes axe at 360 px and the citizen sees the reason', async () => {
    const h = harness();
    setToday(h, '2026-05-10');
    const { provider, course } = await providerWithCourse(h, '250.00');
    const citizen = await itaCitizen(h);
    const application = await applyFor(h, citizen.actor, course.id);
    const javaScript = false;
    const page = await signInThrough(browsing, { email: provider.staff.principal.email, password: provider.staff.password }, '/centre', {
      javaScript,
    });

    await page.goto(`/centre/applications/${application.reference}`);
    await page.getByRole('button', { name: 'Refuse' }).click();
    await page.waitForURL(/\/refuse$/);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Refuse the application' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter why you refuse this application');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Why do you refuse it?').fill(REASON);
    await page.getByRole('button', { name: 'Refuse the application' }).click();
    await page.waitForURL(/\?refused=1$/);
    expect(await page.locator('main').textContent()).to.include(REASON);
    await expectUsable(page, { javaScript });

    const own = await signInThrough(browsing, { email: citizen.email, password: citizen.actor.password }, '/citizen', { javaScript });
    await own.goto(`/citizen/applications/${application.reference}`);
    expect(await own.locator('main').textContent()).to.include(REASON);
    await expectUsable(own, { javaScript });
  });
});

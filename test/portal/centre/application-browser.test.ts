import { expect } from 'chai';
import { applyFor, fundIta, itaCitizen, providerWithCourse, setToday } from '../../applications/ita-fixtures.js';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';

describe('Centre portal in a real browser: verify an application, then claim its funding', function () {
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

  it('when a centre finds, verifies and claims an application (JavaScript on), then every page, and its courses, staff and statements pages, pass axe at 360 px', async () => {
    const h = harness();
    setToday(h, '2026-05-10');
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const javaScript = true;
    const page = await signInThrough(browsing, { email: provider.staff.principal.email, password: provider.staff.password }, '/centre', {
      javaScript,
    });

    await page.goto('/centre/applications');
    expect(await page.locator('tbody').textContent()).to.include(application.reference);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Find an application by its reference' }).click();
    await page.waitForURL(/\/centre\/applications\/find$/);
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include("Enter the application's reference");
    await expectUsable(page, { javaScript });
    await page.getByLabel('Find an application').fill(application.reference.toLowerCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(new RegExp(`/centre/applications/${application.reference}$`));
    await expectUsable(page, { javaScript });

    await page.getByRole('button', { name: 'I have checked the evidence: verify' }).click();
    await page.waitForURL(/\?verified=1$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).to.include('The application is verified');
    await expectUsable(page, { javaScript });

    await page.getByRole('button', { name: 'Claim the funding' }).click();
    await page.waitForURL(/\/claim$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Claim the funding' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('as a real date');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Day').fill('10');
    await page.getByLabel('Month').fill('5');
    await page.getByRole('button', { name: 'Claim the funding' }).click();
    await page.waitForURL(/\/claimed$/);
    expect(await page.locator('main').textContent()).to.include('GBP 200.00');
    await expectUsable(page, { javaScript });

    // The centre's other pages pass too: its courses (the proposal form with its errors), its staff
    // (as its administrator) and its statements.
    await h.http
      .put(`/v1/centres/${provider.id}/staff/${provider.staff.principal.userId}/centre-admin`)
      .set((await createActor(h, 'admin')).auth)
      .send({ centreAdmin: true })
      .expect(200);
    for (const path of ['/centre/courses', `/centre/courses/${course.id}`, '/centre/staff', '/centre/staff/new', '/centre/statements']) {
      await page.goto(path);
      await expectUsable(page, { javaScript });
    }
    await page.goto('/centre/courses/new');
    await page.getByLabel('Price').fill('12,x');
    await page.getByRole('button', { name: 'Propose the course' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter the course title');
    await expectUsable(page, { javaScript });
  });
});

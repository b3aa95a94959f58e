import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { dashboardHistory } from '../../dashboards/dashboard-fixture.js';

describe('Administration portal in a real browser: an administrator reads a programme dashboard', function () {
  this.timeout(240_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
    harness().clock.set(new Date());
  });

  it('when an administrator goes from the navigation to a dashboard and asks for a bad period first, then every page passes axe at 360 px with JavaScript off', async () => {
    const h = harness();
    const history = await dashboardHistory(h);
    const admin = await createActor(h, 'admin');
    const javaScript = false;
    const page = await signInThrough(browsing, { email: admin.principal.email, password: admin.password }, '/admin', { javaScript });

    await page.getByRole('link', { name: 'Dashboards', exact: true }).first().click();
    await page.waitForURL(/\/admin\/dashboards$/);
    await expectUsable(page, { javaScript });
    // Other tests open programmes in the same database: the list pages by code, so follow it to ours.
    const dashboard = page.locator(`a[href="/admin/programmes/${history.code}/dashboard"]`);
    while ((await dashboard.count()) === 0) {
      await page.locator('.govuk-pagination__next a').click();
      await page.waitForURL(/cursor=/);
    }
    await dashboard.click();
    await page.waitForURL(/\/dashboard$/);
    expect(await page.locator('#funnel-table').textContent()).to.include('A cheque registered at a centre');
    await expectUsable(page, { javaScript });

    await page.locator('#from-day').fill('1');
    await page.locator('#from-month').fill('4');
    await page.locator('#from-year').fill('2091');
    await page.getByRole('button', { name: 'Show this period' }).click();
    await page.waitForURL(/from-day=1/);
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('The first day must be on or before the last day');
    await expectUsable(page, { javaScript });

    await page.locator('#from-month').fill('1');
    await page.getByLabel('Week').check();
    await page.getByRole('button', { name: 'Show this period' }).click();
    await page.waitForURL(/interval=week/);
    expect(await page.locator('#claims-table').textContent()).to.include('20 January 2091');
    await expectUsable(page, { javaScript });
  });
});

import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';
import { setToday } from '../../support/voucher-factory.js';
import { buildMonitoringWorld, buildReachWorld } from '../../oversight/oversight-fixtures.js';

describe('Administration portal in a real browser: an auditor reads who a programme reaches and how centres deliver', function () {
  this.timeout(240_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an auditor picks a programme and a period (a bad date first), then reach and centre monitoring show their tables, and every page passes axe at 360 px', async () => {
    const h = harness();
    const reach = await buildReachWorld(h);
    const monitoring = await buildMonitoringWorld(h);
    setToday(h, '2026-12-01');
    const auditor = await createActor(h, 'auditor');
    const javaScript = true;
    const page = await signInThrough(browsing, { email: auditor.principal.email, password: auditor.password }, '/auditor', { javaScript });
    const fillPeriod = async (from: [string, string, string], to: [string, string, string]) => {
      for (const [end, [day, month, year]] of [
        ['from', from],
        ['to', to],
      ] as const) {
        await page.locator(`#${end}-day`).fill(day);
        await page.locator(`#${end}-month`).fill(month);
        await page.locator(`#${end}-year`).fill(year);
      }
    };

    await page.getByRole('link', { name: 'Reach', exact: true }).first().click();
    await page.waitForURL(/\/admin\/reach$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Programme').selectOption(reach.programme.code);
    await fillPeriod(['31', '2', '2026'], ['31', '12', '2026']);
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter the first day of the period as a real date');
    await expectUsable(page, { javaScript });
    await fillPeriod(['1', '3', '2026'], ['31', '12', '2026']);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from-day=1/);
    expect(await page.locator('#reach-region').textContent()).to.include('fewer than 10');
    await expectUsable(page, { javaScript });

    // At 360 px the service navigation folds behind its menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Centre monitoring' }).click();
    await page.waitForURL(/\/admin\/monitoring$/);
    await expectUsable(page, { javaScript });
    await page.getByLabel('Programme').selectOption(monitoring.programme.code);
    await fillPeriod(['1', '3', '2026'], ['31', '3', '2026']);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from-day=1/);
    expect(await page.locator('#centres').textContent()).to.include(monitoring.centres[0]!.name);
    await expectUsable(page, { javaScript });
  });
});

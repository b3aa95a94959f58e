import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness } from '../../support/harness.js';
import { openVoucherProgramme } from '../../support/voucher-factory.js';
import { chequeInUse } from '../../settlement/support/lbc-fixture.js';
import { casesOf, detect, sessionBy } from '../../signals/signal-fixtures.js';

const REASON = 'Two counsellors share the name; the centre sent their rosters.';

describe('Administration portal in a real browser: an administrator looks at a signal case and closes it with a reason', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an administrator opens the list and a case, tries to close it without a reason, then with one (JavaScript on), then every page passes axe at 360 px', async () => {
    const h = harness();
    // A day later than the other signal files' cases, so this one leads the newest-first list.
    const programme = await openVoucherProgramme(h, '2035-03-05');
    const centre = await createCentre(h, { programme: programme.code });
    const cheque = await chequeInUse(h, programme.admin, programme.code, centre);
    await sessionBy(h, cheque, '1.25', 'Mieke Janssens');
    await detect(h, ['counsellor_overbooked'], { counsellorMaxHoursPerDay: 1 });
    const [found] = await casesOf(h, 'counsellor_overbooked', centre.id);
    const admin = await createActor(h, 'admin');
    const javaScript = true;

    const page = await signInThrough(browsing, { email: admin.principal.email, password: admin.password }, '/admin', { javaScript });
    await page.getByRole('link', { name: 'Signals' }).first().click();
    await page.waitForURL(/\/admin\/signals$/);
    await page.getByLabel('Kind').selectOption('counsellor_overbooked');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/kind=counsellor_overbooked/);
    await expectUsable(page, { javaScript });

    await page.locator(`a[href="/admin/signals/${found!.id}"]`).click();
    await page.waitForURL(new RegExp(`/admin/signals/${found!.id}$`));
    expect(await page.locator('main table').textContent())
      .to.include('Mieke Janssens')
      .and.include(cheque.code);
    await expectUsable(page, { javaScript });

    await page.getByRole('button', { name: 'Close the case' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter the reason for closing the case');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Reason').fill(REASON);
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.waitForURL(/\?done=closed$/);
    expect(await page.locator('main').textContent()).to.include(REASON);
    await expectUsable(page, { javaScript });
  });
});

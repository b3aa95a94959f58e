import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness } from '../../support/harness.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { setCentreAccount, setDebtorAccount } from '../../settlement/support/bank-accounts.js';
import { chequeInUse, sessionToday } from '../../settlement/support/lbc-fixture.js';

const DAY = '2092-09-30';

describe('Admin portal in a real browser: run and pay a settlement', function () {
  this.timeout(240_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when one administrator runs a settlement and proposes a payment and a second approves it, then the statement shows paid, and every page passes axe at 360 px', async () => {
    const h = harness();
    h.clock.set(`${DAY}T10:00:00Z`);
    const { code: programme, author } = await openLbcLike(h, { values: { hourlyFee: '100.000' } });
    const centre = await createCentre(h, { programme, name: 'Loopbaancentrum Browser' });
    await sessionToday(h, await chequeInUse(h, author, programme, centre), '1.25');
    await setDebtorAccount(h, author.auth, programme);
    await setCentreAccount(h, author.auth, centre.id);
    const programmeName = (await h.http.get(`/v1/programmes/${programme}`).expect(200)).body.names.en as string;
    const [first, second] = [await createActor(h, 'admin'), await createActor(h, 'admin')];
    const javaScript = true;

    const page = await signInThrough(browsing, { email: first.principal.email, password: first.password }, '/admin', { javaScript });
    await page.goto('/admin/settlement');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Run a settlement' }).click();
    await page.waitForURL(/\/admin\/settlement\/new$/);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Choose the programme to settle');
    await expectUsable(page, { javaScript });
    await page.getByLabel('Programme').selectOption(programme);
    const [year, month, day] = DAY.split('-') as [string, string, string];
    await page.getByLabel('Day').fill(day);
    await page.getByLabel('Month').fill(month);
    await page.getByLabel('Year').fill(year);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).to.include('Check the settlement before you run it');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Run the settlement' }).click();
    await page.waitForURL(/\/admin\/settlement\/runs\/[0-9a-f-]{36}\?done=run$/);
    expect(await page.locator('h1').textContent()).to.include(`${programmeName} settled up to 30 September 2092`);
    await expectUsable(page, { javaScript });

    await page.getByRole('link', { name: 'Loopbaancentrum Browser' }).click();
    await page.waitForURL(/\/admin\/settlement\/statements\/[0-9a-f-]{36}$/);
    const statementUrl = page.url();
    expect(await page.locator('#lines').textContent()).to.include('EUR 125.00');
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Propose paying this statement' }).click();
    await page.waitForURL(/\/pay$/);
    await expectUsable(page, { javaScript });
    await page.getByRole('button', { name: 'Propose the payment' }).click();
    await page.waitForURL(/\?done=proposed$/);
    await expectUsable(page, { javaScript });
    const changeHref = await page.getByRole('link', { name: 'See the pending change' }).getAttribute('href');
    await page.context().close();

    const approver = await signInThrough(browsing, { email: second.principal.email, password: second.password }, '/admin', { javaScript });
    await approver.goto(changeHref!);
    await approver.getByRole('button', { name: 'Approve' }).click();
    await approver.waitForURL(/\?done=approved$/);
    await approver.goto(statementUrl);
    expect(await approver.locator('.govuk-summary-list').textContent())
      .to.include('30 September 2092')
      .and.include('Paid');
    await expectUsable(approver, { javaScript });
    await approver.getByRole('link', { name: 'Back to the run' }).click();
    await approver.getByRole('button', { name: 'Make a transfer file of approved statements' }).click();
    await approver.waitForURL(/\?done=file$/);
    expect(await approver.locator('#files').textContent()).to.include('EUR 125.00');
    await expectUsable(approver, { javaScript });
    await approver.context().close();
  });
});

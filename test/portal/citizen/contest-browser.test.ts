import { expect } from 'chai';
import { PDF, PNG, refusedCitizen } from '../../contests/contest-fixtures.js';
import { createActor } from '../../support/actors.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';

const JS = { javaScript: true };

describe('Citizen portal in a real browser: contesting a refusal with evidence, notifications and sign-ins (JavaScript on)', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when a citizen contests with a wrong file first, then a PDF and a PNG, reads the answer, its notification and their sign-ins, then every page passes axe at 360 px', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const page = await signInThrough(browsing, { email: citizen.email, password: citizen.actor.password }, '/citizen', JS);
    await page.goto(`/citizen/decisions/${decisionId}/contest`);
    await expectUsable(page, JS);
    await page.getByLabel('Why the refusal is wrong').fill('I moved to Flanders in March; my lease shows it.');
    await page
      .getByLabel('Documents that show it (optional)')
      .setInputFiles([{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') }]);
    await page.getByRole('button', { name: 'Send contest' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('The file notes.png must be a PDF, JPG or PNG.');
    expect(await page.title()).to.match(/^Error: /);
    await expectUsable(page, JS);
    await page.getByLabel('Documents that show it (optional)').setInputFiles([
      { name: 'lease.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'letter.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('button', { name: 'Send contest' }).click();
    await page.waitForURL(/\/citizen\/contests\/[0-9a-f-]{36}\/sent$/);
    expect(await page.locator('.govuk-panel').textContent()).to.match(/CT-[0-9A-Z]{8}/);
    await expectUsable(page, JS);
    await page.getByRole('link', { name: 'See your contest' }).click();
    expect(await page.locator('main').textContent())
      .to.include('lease.pdf')
      .and.include('letter.png');
    await expectUsable(page, JS);
    const contestId = /\/citizen\/contests\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    const admin = await createActor(h, 'admin');
    await h.http
      .post(`/v1/contests/${contestId}/answer`)
      .set(admin.auth)
      .send({ outcome: 'upheld', message: 'Your move is now registered.' })
      .expect(200);
    await page.reload();
    expect(await page.locator('main').textContent())
      .to.include('Upheld')
      .and.include('Your move is now registered.');
    await page.goto('/citizen/contests');
    await expectUsable(page, JS);
    await page.goto('/citizen/notifications');
    expect(await page.locator('tbody tr').first().textContent())
      .to.include('was upheld')
      .and.include('Unread');
    await expectUsable(page, JS);
    await page
      .getByRole('button', { name: /^Mark as read/ })
      .first()
      .click();
    // The list comes back on the same address, its first row now read.
    await page.locator('tbody tr').first().getByText('Read', { exact: true }).waitFor();
    await page.goto('/citizen/settings/email');
    await expectUsable(page, JS);
    await page.goto('/citizen/sign-ins');
    await expectUsable(page, JS);
    await page.getByRole('button', { name: 'Sign out of every other session' }).click();
    await page.waitForURL(/ended=1$/);
    await expectUsable(page, JS);
    await page.context().close();
  });
});

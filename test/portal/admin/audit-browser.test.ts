import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../server/audit/audit-log.js';
import { openAccount, postTransaction } from '../../../server/ledger/ledger.js';
import { createActor } from '../../support/actors.js';
import { createCentre } from '../../support/centre-factory.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { harness } from '../../support/harness.js';

describe('Administration portal in a real browser: an auditor filters the audit log and follows an entry to its ledger transaction', function () {
  this.timeout(180_000);
  let browsing: Browsing;
  before(async () => {
    browsing = await startBrowsing(harness().app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when an auditor filters by a bad date, then by the record, and opens the transaction (JavaScript on), then every page passes axe at 360 px', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const auditor = await createActor(h, 'auditor');
    const owner = randomUUID();
    const from = await openAccount(h.sequelize, {
      ownerType: 'audit_browser_budget',
      ownerId: owner,
      programmeCode: null,
      unit: 'EUR',
      mayGoNegative: true,
    });
    const to = await openAccount(h.sequelize, {
      ownerType: 'audit_browser_centre',
      ownerId: owner,
      programmeCode: null,
      unit: 'EUR',
      mayGoNegative: false,
    });
    const posted = await postTransaction(h.sequelize, {
      kind: 'settle',
      businessDate: '2026-12-04',
      metadata: { statementId: owner },
      entries: [
        { accountId: from, amount: new Decimal('-90.00') },
        { accountId: to, amount: new Decimal('90.00') },
      ],
    });
    const entityId = randomUUID();
    await h.sequelize.transaction((t) =>
      recordAudit(h.sequelize, t, {
        actor: admin.principal,
        action: 'statement.paid',
        entityType: 'statement',
        entityId,
        before: { status: 'open', paidAt: null },
        after: { status: 'paid', paidAt: '2026-12-04T10:00:00.000Z', transactionId: posted.transactionId },
      }),
    );
    const javaScript = true;
    const page = await signInThrough(browsing, { email: auditor.principal.email, password: auditor.password }, '/auditor', { javaScript });
    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.waitForURL(/\/admin\/audit$/);
    await expectUsable(page, { javaScript });

    await page.locator('#from-day').fill('31');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2026');
    await page.getByRole('button', { name: 'Show entries' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).to.include('Enter a real date for From');
    await expectUsable(page, { javaScript });

    await page.locator('#from-day').fill('');
    await page.locator('#from-month').fill('');
    await page.locator('#from-year').fill('');
    await page.getByLabel('Kind of record').selectOption('statement');
    await page.getByLabel('Record id').fill(entityId);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.waitForURL(/entityId=/);
    await page.locator('#entries summary').first().click();
    expect(await page.locator('#entries').textContent()).to.include('Statement paid');
    await expectUsable(page, { javaScript });

    await page.getByRole('link', { name: posted.transactionId }).click();
    await page.waitForURL(new RegExp(`/admin/ledger/transactions/${posted.transactionId}$`));
    expect(await page.locator('#total-EUR').textContent()).to.include('Balanced');
    await expectUsable(page, { javaScript });
  });

  it("when a centre's administrator opens the centre's audit trail from the navigation (JavaScript off), then it passes axe at 360 px", async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    await h.http
      .put(`/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`)
      .set(admin.auth)
      .send({ centreAdmin: true })
      .expect(200);
    const javaScript = false;
    const page = await signInThrough(browsing, { email: centre.staff.principal.email, password: centre.staff.password }, '/centre', {
      javaScript,
    });
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.waitForURL(/\/centre\/audit$/);
    expect(await page.locator('#entries').textContent())
      .to.include('Made centre administrator')
      .and.include('A service administrator');
    await expectUsable(page, { javaScript });
  });
});

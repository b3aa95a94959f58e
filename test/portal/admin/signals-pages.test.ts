// The signals pages: administrators and auditors read the open cases and a case with the rows
// behind it; only an administrator closes one (with a reason) or runs detection; citizens and
// centres get the portal's 404. The cases are this file's own (a centre's refused registration
// tries, detected with a threshold of 2), opened on a day later than other files' cases.
import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { newVoucherCode, prefixOfCode } from '../../../server/vouchers/voucher-codes.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { openVoucherProgramme, register } from '../../support/voucher-factory.js';
import { chequeInUse } from '../../settlement/support/lbc-fixture.js';
import { casesOf, detect } from '../../signals/signal-fixtures.js';
import { changeForms, outsiders, staffOf } from './admin-pages-support.js';

/** A case of a fresh centre's refused registration tries, opened at 09:00 on `today`. */
export async function openedCase(h: Harness, today: string) {
  const programme = await openVoucherProgramme(h, today);
  const centre = await createCentre(h, { programme: programme.code });
  const cheque = await chequeInUse(h, programme.admin, programme.code, centre);
  for (let n = 0; n < 2; n += 1)
    expect((await register(h, centre, newVoucherCode(prefixOfCode(cheque.code)), '12345678')).status).to.equal(404);
  await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 2 });
  const [found] = await casesOf(h, 'wrong_client_numbers', centre.id);
  return { centre, id: found!.id };
}

describe('Admin portal: signals that need a look', () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  it('when an administrator reads the open cases and a case, then they see its rows in English and Dutch, close it only with a reason, and the close is audited', async () => {
    const { centre, id } = await openedCase(h, '2034-02-06');
    const admin = await staffOf(h, 'admin');

    const home = page((await admin.agent.get('/admin').expect(200)).text);
    expect(textOf(home.querySelector('main a[href="/admin/signals"]'))).to.match(/^Open signal cases to look at: (more than )?\d+$/);
    const list = page((await admin.agent.get('/admin/signals?kind=wrong_client_numbers').expect(200)).text);
    expect(textOf(list.querySelector('title'))).to.equal('Signals that need a look – Learning Accounts');
    expect(list.querySelectorAll('h1')).to.have.length(1);
    const link = list.querySelector(`a[href="/admin/signals/${id}"]`);
    expect(textOf(link)).to.equal('Many wrong client numbers tried');
    expect(textOf(link?.closest('tr')))
      .to.include(centre.name)
      .and.include('2 refused registration tries in the hour from 6 February 2034 09:00 UTC');
    expect(list.querySelector('form[action="/admin/signals/detect"]')).to.not.equal(null);
    expect(list.querySelector('a[href^="/admin/signals"][href*="status=closed"]')).to.not.equal(null);
    const dutchList = page((await admin.agent.get('/admin/signals').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutchList.querySelector('h1'))).to.equal('Signalen om na te kijken');

    const shown = await admin.agent.get(`/admin/signals/${id}`).expect(200);
    const casePage = page(shown.text);
    expect(textOf(casePage.querySelector('h1'))).to.equal('Many wrong client numbers tried');
    expect(textOf(casePage.querySelector('main'))).to.include('A case never stops or holds back a payment by itself');
    expect(casePage.querySelectorAll('table th').map(textOf)).to.deep.equal(['Hour', 'Refused tries']);
    expect(casePage.querySelectorAll('table tbody td').map(textOf)).to.deep.equal(['6 February 2034 09:00 UTC', '2']);
    const dutch = page((await admin.agent.get(`/admin/signals/${id}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Veel verkeerde klantnummers geprobeerd');
    expect(dutch.querySelectorAll('table tbody td').map(textOf)).to.deep.equal(['6 februari 2034 09:00 UTC', '2']);

    const csrf = csrfOf(shown.text);
    await admin.agent.post(`/admin/signals/${id}/close`).type('form').send({ reason: 'Typing errors.' }).expect(403);
    const refused = page(
      (await admin.agent.post(`/admin/signals/${id}/close`).type('form').send({ _csrf: csrf, reason: '  ' }).expect(400)).text,
    );
    expect(textOf(refused.querySelector('title'))).to.match(/^Error: /);
    expect(refused.querySelectorAll('.govuk-error-summary a').map((a) => a.getAttribute('href'))).to.deep.equal(['#reason']);
    expect((await casesOf(h, 'wrong_client_numbers', centre.id))[0]!.status).to.equal('open');

    const closed = await admin.agent
      .post(`/admin/signals/${id}/close`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Typing errors from a scanned list.' })
      .expect(303);
    expect(closed.headers.location).to.equal(`/admin/signals/${id}?done=closed`);
    const after = page((await admin.agent.get(`/admin/signals/${id}?done=closed`).expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.include('Case closed');
    expect(textOf(after.querySelector('main')))
      .to.include('Typing errors from a scanned list.')
      .and.include(admin.actor.principal.email);
    expect(changeForms(after)).to.have.length(0);
    const again = page(
      (await admin.agent.post(`/admin/signals/${id}/close`).type('form').send({ _csrf: csrf, reason: 'Once more.' }).expect(409)).text,
    );
    expect(textOf(again.querySelector('.govuk-error-summary'))).to.include('This case was closed already');

    const audit = await queryRows<{ actor_id: string }>(
      h.sequelize,
      `SELECT actor_id FROM audit_log WHERE entity_type = 'signal_case' AND entity_id = $1 AND action = 'signal_case.closed'`,
      [id],
    );
    expect(audit.map((entry) => entry.actor_id)).to.deep.equal([admin.actor.principal.userId]);
    const closedList = page((await admin.agent.get('/admin/signals?status=closed&kind=wrong_client_numbers').expect(200)).text);
    expect(closedList.querySelector(`a[href="/admin/signals/${id}"]`)).to.not.equal(null);
  });

  it('when an administrator runs detection from the page, then it runs and says how many cases it opened', async () => {
    const admin = await staffOf(h, 'admin');
    const list = await admin.agent.get('/admin/signals').expect(200);
    await admin.agent.post('/admin/signals/detect').type('form').send({}).expect(403);
    const ran = await admin.agent
      .post('/admin/signals/detect')
      .type('form')
      .send({ _csrf: csrfOf(list.text) })
      .expect(303);
    expect(ran.headers.location).to.match(/^\/admin\/signals\?detected=\d+$/);
    const after = page((await admin.agent.get(ran.headers.location!).expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.match(/New cases opened: \d+\./);
    expect(textOf(after.querySelector('#last-detection'))).to.match(/^Detection last ran on /);
  });

  it('when an auditor reads the pages, then nothing on them changes anything and the posts are no page; citizens and centres get the 404', async () => {
    const { id } = await openedCase(h, '2034-02-07');
    const auditor = await staffOf(h, 'auditor');
    const list = await auditor.agent.get('/admin/signals').expect(200);
    expect(changeForms(page(list.text))).to.have.length(0);
    const casePage = page((await auditor.agent.get(`/admin/signals/${id}`).expect(200)).text);
    expect(changeForms(casePage)).to.have.length(0);
    expect(textOf(casePage.querySelector('h1'))).to.equal('Many wrong client numbers tried');
    const csrf = csrfOf(list.text); // the sign-out form's token
    await auditor.agent.post(`/admin/signals/${id}/close`).type('form').send({ _csrf: csrf, reason: 'Not mine to close.' }).expect(404);
    await auditor.agent.post('/admin/signals/detect').type('form').send({ _csrf: csrf }).expect(404);
    expect((await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM signal_cases WHERE id = $1`, [id]))[0]!.status).to.equal(
      'open',
    );

    for (const agent of await outsiders(h)) {
      await agent.get('/admin/signals').expect(404);
      await agent.get(`/admin/signals/${id}`).expect(404);
    }
    const admin = await staffOf(h, 'admin');
    await admin.agent.get('/admin/signals/not-a-case').expect(404);
    await admin.agent.get('/admin/signals/00000000-0000-4000-8000-000000000000').expect(404);
  });
});

import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { verifyLedger, formatReport } from '../../../server/ledger/ledger-verify.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, signedIn, staffOf } from './admin-pages-support.js';
import { disputedSession, disputeProgramme, type DisputeProgramme } from './dispute-support.js';
import type { Agent } from '../../support/pages.js';

const disputeRow = async (h: Harness, id: string) =>
  (
    await queryRows<{ status: string; note: string | null }>(h.ownerSequelize, `SELECT status, note FROM voucher_disputes WHERE id = $1`, [
      id,
    ])
  )[0];

const errorLinks = (html: string) =>
  page(html)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => link.getAttribute('href'));

describe('Admin portal: disputed sessions, decided with a reason, and their effect in the ledger', () => {
  let h: Harness;
  let programme: DisputeProgramme;
  let admin: Agent;
  before(async () => {
    h = harness();
    h.clock.set('2092-03-02T10:00:00Z');
    programme = await disputeProgramme(h);
    admin = await signedIn(h, { email: programme.admin.principal.email, password: programme.admin.password });
  });
  beforeEach(() => h.clock.set('2092-03-02T10:00:00Z'));
  afterEach(async () => {
    const report = await verifyLedger(h.sequelize);
    expect(report.ok, formatReport(report)).to.equal(true);
  });
  after(() => h.clock.set(new Date()));

  it('when an administrator upholds a dispute on a settled session, then bad answers change nothing, the check page comes first, and the page shows the reversal and what the centre owes, in EUR', async () => {
    const { disputeId, cheque } = await disputedSession(h, programme, { hours: '2.00', settled: true });
    const list = page((await admin.get('/admin/disputes').expect(200)).text);
    expect(textOf(list.querySelector('title'))).to.equal('Disputed sessions – Learning Accounts');
    expect(list.querySelector(`a[href="/admin/disputes/${disputeId}"]`)).to.not.equal(null);
    const path = `/admin/disputes/${disputeId}`;
    const view = await admin.get(path).expect(200);
    const html = page(view.text);
    expect(textOf(html.querySelector('h1'))).to.equal(`Dispute on cheque ${cheque.code}`);
    expect(textOf(html.querySelector('.govuk-summary-list')))
      .to.include('2 hours')
      .and.include(cheque.centre.name)
      .and.include('I was not there that day.');
    const csrf = csrfOf(view.text);

    await admin.post(`${path}/decision/confirm`).type('form').send({ decision: 'upheld', note: 'Attendance list checked.' }).expect(403);
    expect(
      errorLinks((await admin.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'upheld', note: '' }).expect(400)).text),
    ).to.deep.equal(['#note']);
    expect(
      errorLinks((await admin.post(`${path}/decision`).type('form').send({ _csrf: csrf, note: 'Checked.' }).expect(400)).text),
    ).to.deep.equal(['#decision']);
    expect(
      errorLinks((await admin.post(`${path}/decision/confirm`).type('form').send({ _csrf: csrf, decision: 'upheld' }).expect(400)).text),
    ).to.deep.equal(['#note']);
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'open', note: null });

    const note = 'The centre could not show an attendance list.';
    const check = page(
      (await admin.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'upheld', note }).expect(200)).text,
    );
    expect(textOf(check.querySelector('h1'))).to.equal('Check your decision before it is made');
    expect(textOf(check.querySelector('main')))
      .to.include(note)
      .and.include('its 2 hours go back to the citizen');
    const edit = page(
      (await admin.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'upheld', note, step: 'edit' }).expect(200)).text,
    );
    expect(textOf(edit.querySelector('#note'))).to.equal(note);
    expect(edit.querySelector('#decision')?.hasAttribute('checked')).to.equal(true);
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'open', note: null });

    await admin
      .post(`${path}/decision/confirm`)
      .type('form')
      .send({ _csrf: csrf, decision: 'upheld', note })
      .expect(303)
      .expect('Location', `${path}?done=upheld`);
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'upheld', note });
    const audits = await queryRows<{ action: string; actor_id: string }>(
      h.ownerSequelize,
      `SELECT action, actor_id FROM audit_log WHERE entity_type = 'voucher_dispute' AND entity_id = $1`,
      [disputeId],
    );
    expect(audits).to.deep.equal([{ action: 'voucher.dispute.upheld', actor_id: programme.admin.principal.userId }]);

    const decided = page((await admin.get(`${path}?done=upheld`).expect(200)).text);
    expect(changeForms(decided)).to.have.length(0);
    const effect = textOf(decided.querySelector('main'));
    expect(effect).to.include('Reversal of the session').and.include('Owed back by the centre').and.include('it owes EUR 200.00 back');
    const captions = decided.querySelectorAll('caption').map((caption) => textOf(caption));
    expect(captions).to.have.length(2);
    const [reversal, clawback] = decided.querySelectorAll('.portal-table-scroll table');
    expect(reversal?.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('td')))).to.have.members(['2 hours', '-2 hours']);
    expect(clawback?.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('td')))).to.include('EUR -200.00');
    // The transactions shown are the ones the decision made: their ids are in the audit entry and the correction.
    const [correction] = await queryRows<{ transaction_id: string }>(
      h.ownerSequelize,
      `SELECT transaction_id FROM settlement_corrections WHERE dispute_id = $1`,
      [disputeId],
    );
    expect(decided.querySelector(`a[href="/admin/ledger/transactions/${correction!.transaction_id}"]`)).to.not.equal(null);

    // Sent twice: the decision stands once, and the page says so.
    await admin
      .post(`${path}/decision/confirm`)
      .type('form')
      .send({ _csrf: csrf, decision: 'rejected', note: 'Again.' })
      .expect(303)
      .expect('Location', `${path}?done=already`);
    await admin.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'rejected', note: 'Again.' }).expect(303);
    expect(textOf(page((await admin.get(`${path}?done=already`).expect(200)).text).querySelector('.govuk-notification-banner'))).to.include(
      'This dispute was already decided.',
    );
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'upheld', note });
  });

  it('when a dispute is rejected, then the session stands and the page says nothing moved; in Dutch too', async () => {
    const { disputeId } = await disputedSession(h, programme, { hours: '1.00' });
    const path = `/admin/disputes/${disputeId}`;
    const csrf = csrfOf((await admin.get(path).expect(200)).text);
    const note = 'The centre showed the signed attendance list.';
    await admin.post(`${path}/decision/confirm`).type('form').send({ _csrf: csrf, decision: 'rejected', note }).expect(303);
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'rejected', note });
    const decided = page((await admin.get(path).expect(200)).text);
    expect(textOf(decided.querySelector('main')))
      .to.include('The decision moved nothing in the ledger.')
      .and.include(note);
    const dutch = page((await admin.get(path).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h2'))).to.equal('Gevolg in het grootboek');
    const rejected = page((await admin.get('/admin/disputes?status=rejected').expect(200)).text);
    expect(rejected.querySelector(`a[href="${path}"]`)).to.not.equal(null);
    expect(page((await admin.get('/admin/disputes?status=open').expect(200)).text).querySelector(`a[href="${path}"]`)).to.equal(null);
    await admin.get('/admin/disputes?cursor=not-a-cursor').expect(404);
  });

  it("when a dispute is upheld after the cheque was closed, then the page also shows the hours going back to the citizen's right", async () => {
    const { disputeId, cheque } = await disputedSession(h, programme, { hours: '1.50' });
    await h.http
      .post(`/v1/centres/${cheque.centre.id}/vouchers/${cheque.code}/close`)
      .set(cheque.centre.staff.auth)
      .send({ developmentPlan: { summary: 'Wants to retrain.', goals: ['Find a course'] } })
      .expect(200);
    const path = `/admin/disputes/${disputeId}`;
    const csrf = csrfOf((await admin.get(path).expect(200)).text);
    await admin
      .post(`${path}/decision/confirm`)
      .type('form')
      .send({ _csrf: csrf, decision: 'upheld', note: 'No attendance list.' })
      .expect(303);
    const decided = page((await admin.get(path).expect(200)).text);
    expect(decided.querySelectorAll('caption').map((caption) => textOf(caption).split(',')[0])).to.deep.equal([
      'Reversal of the session',
      "Hours back to the citizen's right",
    ]);
  });

  it('when an auditor reads disputes, then there is no form and a post is the 404; citizens and centres get the 404', async () => {
    const { disputeId } = await disputedSession(h, programme, { hours: '1.00' });
    const auditor = await staffOf(h, 'auditor');
    const path = `/admin/disputes/${disputeId}`;
    const list = page((await auditor.agent.get('/admin/disputes?status=all').expect(200)).text);
    expect(list.querySelector(`a[href="${path}"]`)).to.not.equal(null);
    expect(changeForms(list)).to.have.length(0);
    const view = await auditor.agent.get(path).expect(200);
    expect(changeForms(page(view.text))).to.have.length(0);
    await auditor.agent
      .post(`${path}/decision/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(view.text), decision: 'upheld', note: 'Not mine to decide.' })
      .expect(404);
    expect(await disputeRow(h, disputeId)).to.deep.equal({ status: 'open', note: null });
    for (const outsider of await outsiders(h)) {
      await outsider.get('/admin/disputes').expect(404);
      await outsider.get(path).expect(404);
    }
    await admin.get('/admin/disputes/00000000-0000-4000-8000-000000000000').expect(404);
  });
});

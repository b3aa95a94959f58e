import { expect } from 'chai';
import { approveChange, payStatementWithFourEyes } from '../../support/approvals.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf, type Agent } from '../../support/pages.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { setCentreAccount, setDebtorAccount } from '../../settlement/support/bank-accounts.js';
import { chequeInUse, sessionToday } from '../../settlement/support/lbc-fixture.js';
import { pain001SchemaErrors } from '../../settlement/support/pain001-schema.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

// The file's own LBC-like programme at 100.00 an hour: a centre's total is its hours x 100.
const DAY = '2091-06-28';

describe('Admin portal: settlement runs, statement payments and SEPA files', () => {
  let h: Harness;
  let admin: Staff;
  let second: Staff;
  let auditor: Staff;
  let programme: string;
  let programmeName: string;

  const runsOf = async (code: string) =>
    (await h.http.get('/v1/settlements').query({ programme: code }).set(admin.actor.auth).expect(200)).body.items as { id: string }[];
  const centreWithHours = async (name: string, hours: string) => {
    const centre = await createCentre(h, { programme, name });
    await sessionToday(h, await chequeInUse(h, admin.actor, programme, centre), hours);
    return centre;
  };
  /** Fills in the run form and confirms the check page; the confirming answer. */
  const runThroughPages = async (agent: Agent, code: string, date: { day: string; month: string; year: string }) => {
    const csrf = csrfOf((await agent.get('/admin/settlement/new').expect(200)).text);
    const fields = { 'periodEnd-day': date.day, 'periodEnd-month': date.month, 'periodEnd-year': date.year };
    const check = await agent
      .post('/admin/settlement/new')
      .type('form')
      .send({ _csrf: csrf, programme: code, ...fields })
      .expect(200);
    const form = page(check.text).querySelector('form[action="/admin/settlement/run"]')!;
    const hidden = Object.fromEntries(
      form.querySelectorAll('input[type="hidden"]').map((input) => [input.getAttribute('name')!, input.getAttribute('value') ?? '']),
    );
    return { check, hidden, confirm: () => agent.post('/admin/settlement/run').type('form').send(hidden) };
  };

  before(async () => {
    h = harness();
    h.clock.set(`${DAY}T10:00:00Z`);
    admin = await staffOf(h, 'admin');
    second = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
    const opened = await openLbcLike(h, { values: { hourlyFee: '100.000' } });
    programme = opened.code;
    programmeName = (await h.http.get(`/v1/programmes/${programme}`).expect(200)).body.names.en as string;
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => h.clock.set(`${DAY}T10:00:00Z`));

  it('when an administrator runs a settlement after checking the answers, proposes a payment, a second administrator approves it and a file is made, then each page shows it', async () => {
    const centres: TestCentre[] = [await centreWithHours('Loopbaan Noord', '1.50'), await centreWithHours('Loopbaan Zuid', '0.75')];
    await setDebtorAccount(h, admin.actor.auth, programme);
    // Set by another administrator than the one who makes the file (four eyes on where money goes).
    for (const centre of centres) await setCentreAccount(h, second.actor.auth, centre.id);

    const list = page((await admin.agent.get('/admin/settlement').expect(200)).text);
    expect(list.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(list.querySelector('title'))).to.equal('Settlement runs – Learning Accounts');
    expect(list.querySelector('a[href="/admin/settlement/new"]')).to.not.equal(null);

    const { check, hidden, confirm } = await runThroughPages(admin.agent, programme, { day: '28', month: '6', year: '2091' });
    const checked = page(check.text);
    expect(textOf(checked.querySelector('h1'))).to.equal('Check the settlement before you run it');
    expect(textOf(checked.querySelector('.govuk-summary-list')))
      .to.include(programmeName)
      .and.include('28 June 2091');
    expect(hidden).to.include({ programme, periodEnd: DAY });
    expect(await runsOf(programme)).to.deep.equal([]);

    const sent = await confirm().expect(303);
    // The same confirmation sent twice (a double click, a refresh) runs once.
    const again = await confirm().expect(303);
    expect(again.headers.location).to.equal(sent.headers.location);
    expect(await runsOf(programme)).to.have.length(1);

    const runPath = (sent.headers.location as string).replace(/\?.*$/, '');
    const run = page((await admin.agent.get(sent.headers.location as string).expect(200)).text);
    expect(textOf(run.querySelector('h1'))).to.equal(`${programmeName} settled up to 28 June 2091`);
    expect(textOf(run.querySelector('.govuk-notification-banner'))).to.include('The settlement was run.');
    const rows = run.querySelectorAll('#statements tbody tr').map((row) => textOf(row));
    // By centre name, with each total computed here: 1.50 and 0.75 hours at 100.00.
    expect(rows).to.deep.equal(['Loopbaan Noord EUR 150.00 Not paid Not paid yet', 'Loopbaan Zuid EUR 75.00 Not paid Not paid yet']);
    expect(textOf(run.querySelector('.govuk-summary-list')))
      .to.include('EUR 225.00')
      .and.include('0 of 2');
    const statementHref = run.querySelector('#statements tbody tr a')!.getAttribute('href')!;

    const statement = page((await admin.agent.get(statementHref).expect(200)).text);
    expect(textOf(statement.querySelector('h1'))).to.equal('Statement of Loopbaan Noord up to 28 June 2091');
    expect(statement.querySelectorAll('#lines tbody tr')).to.have.length(1);
    expect(textOf(statement.querySelector('#lines')))
      .to.include('1.5')
      .and.include('EUR 100.00')
      .and.include('EUR 150.00');
    const dutch = page((await admin.agent.get(statementHref).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Afrekening van Loopbaan Noord tot en met 28 juni 2091');

    const pay = page((await admin.agent.get(`${statementHref}/pay`).expect(200)).text);
    expect(textOf(pay.querySelector('.govuk-summary-list'))).to.include('EUR 150.00');
    const proposed = await admin.agent
      .post(`${statementHref}/pay`)
      .type('form')
      .send({ _csrf: csrfOf(pay.toString()), key: pay.querySelector('input[name="key"]')!.getAttribute('value') })
      .expect(303);
    const waiting = page((await admin.agent.get(proposed.headers.location as string).expect(200)).text);
    expect(textOf(waiting.querySelector('.govuk-notification-banner'))).to.include('A second administrator must approve it');
    const changeLink = waiting.querySelector('.govuk-inset-text a')!.getAttribute('href')!;
    expect(changeLink).to.match(/^\/admin\/pending-changes\/[0-9a-f-]{36}$/);
    // The approver reads which statement the payment is for, and can open it.
    const change = page((await second.agent.get(changeLink).expect(200)).text);
    expect(change.querySelector(`a[href="${statementHref}"]`)).to.not.equal(null);
    expect(textOf(waiting.querySelector('.govuk-summary-list'))).to.include('Not paid yet');
    // Waiting for approval: no second proposal is offered.
    expect(waiting.querySelector('#propose')).to.equal(null);
    await admin.agent.get(`${statementHref}/pay`).expect(404);

    await approveChange(h, second.actor.auth, changeLink.split('/').pop()!);
    const paid = page((await auditor.agent.get(statementHref).expect(200)).text);
    expect(textOf(paid.querySelector('.govuk-summary-list'))).to.include('Paid on 28 June 2091');

    const made = await admin.agent
      .post(`${runPath}/payment-files`)
      .type('form')
      .send({
        _csrf: csrfOf(run.toString()),
        key: run.querySelector('form[action$="/payment-files"] input[name="key"]')!.getAttribute('value'),
      })
      .expect(303);
    const withFile = page((await admin.agent.get(made.headers.location as string).expect(200)).text);
    expect(textOf(withFile.querySelector('#files tbody'))).to.include('EUR 150.00');
    const download = withFile.querySelector('#files tbody a')!.getAttribute('href')!;
    const xml = await auditor.agent.get(download).expect(200);
    expect(xml.headers['content-type']).to.equal('application/xml; charset=utf-8');
    expect(await pain001SchemaErrors(xml.text)).to.deep.equal([]);
    expect(textOf(page((await admin.agent.get(statementHref).expect(200)).text).querySelector('.govuk-summary-list'))).to.include(
      'Sent to the bank in',
    );

    // Nothing approved is left: a second file is refused on the run's page, named at its button.
    const refused = await admin.agent
      .post(`${runPath}/payment-files`)
      .type('form')
      .send({
        _csrf: csrfOf(withFile.toString()),
        key: withFile.querySelector('form[action$="/payment-files"] input[name="key"]')!.getAttribute('value'),
      })
      .expect(409);
    const summary = page(refused.text).querySelector('.govuk-error-summary');
    expect(textOf(summary)).to.include('There is no approved statement left');
    expect(summary!.querySelector('a')!.getAttribute('href')).to.equal('#make-file');
  });

  it('when the run form is sent without a programme or with a date that does not exist, then the error summary names each field and nothing is run', async () => {
    const before = (await runsOf(programme)).length;
    const csrf = csrfOf((await admin.agent.get('/admin/settlement/new').expect(200)).text);
    const res = await admin.agent
      .post('/admin/settlement/new')
      .type('form')
      .send({ _csrf: csrf, programme: '', 'periodEnd-day': '31', 'periodEnd-month': '2', 'periodEnd-year': '2091' })
      .expect(400);
    const html = page(res.text);
    expect(textOf(html.querySelector('title'))).to.equal('Error: Run a settlement – Learning Accounts');
    const links = html.querySelectorAll('.govuk-error-summary a').map((link) => [link.getAttribute('href'), textOf(link)]);
    expect(links).to.deep.equal([
      ['#programme', 'Choose the programme to settle'],
      ['#periodEnd-day', 'Enter the period end as a real date, for example 31 3 2026'],
    ]);
    expect(html.querySelector('#periodEnd-day')!.getAttribute('value')).to.equal('31');
    const dutch = await admin.agent
      .post('/admin/settlement/new')
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ _csrf: csrf, programme: 'NOPE', 'periodEnd-day': 'x' })
      .expect(400);
    expect(textOf(page(dutch.text).querySelector('.govuk-error-summary'))).to.include('Kies het programma dat u wilt afrekenen');
    // Hidden answers changed by hand on the check page are checked again.
    await admin.agent.post('/admin/settlement/run').type('form').send({ _csrf: csrf, programme, periodEnd: '2091-02-31' }).expect(400);
    expect(await runsOf(programme)).to.have.length(before);
  });

  it('when a form is sent without its CSRF token, then it is refused 403 and nothing is run', async () => {
    const before = (await runsOf(programme)).length;
    await admin.agent.post('/admin/settlement/run').type('form').send({ programme, periodEnd: DAY }).expect(403);
    expect(await runsOf(programme)).to.have.length(before);
  });

  it('when the auditor reads the runs, a run and a statement, then each is shown with no form that changes anything, and the run and payment forms are not found', async () => {
    const centre = await centreWithHours('Loopbaan Oost', '0.25');
    const run = (
      await h.http
        .post('/v1/settlements')
        .set(admin.actor.auth)
        .set('Idempotency-Key', `test-${centre.id}`)
        .send({ programme, periodEnd: DAY })
        .expect(201)
    ).body as { id: string; statements: { id: string; centreId: string }[] };
    const statement = run.statements.find((each) => each.centreId === centre.id)!;
    const readPages = [
      '/admin/settlement',
      `/admin/settlement/runs/${run.id}`,
      `/admin/settlement/statements/${statement.id}`,
      `/admin/settlement/centres/${centre.id}`,
    ];
    for (const path of readPages) {
      const html = page((await auditor.agent.get(path).expect(200)).text);
      expect(html.querySelectorAll('h1'), path).to.have.length(1);
      expect(changeForms(html), path).to.deep.equal([]);
      expect(html.querySelector('a[href="/admin/settlement/new"]'), path).to.equal(null);
      expect(html.querySelector('#propose'), path).to.equal(null);
    }
    await auditor.agent.get('/admin/settlement/new').expect(404);
    await auditor.agent.get(`/admin/settlement/statements/${statement.id}/pay`).expect(404);
    const csrf = csrfOf((await auditor.agent.get('/admin/settlement').expect(200)).text);
    await auditor.agent.post(`/admin/settlement/statements/${statement.id}/pay`).type('form').send({ _csrf: csrf }).expect(404);
    await auditor.agent.post('/admin/settlement/run').type('form').send({ _csrf: csrf, programme, periodEnd: DAY }).expect(404);
    const nav = page((await auditor.agent.get('/admin/settlement').expect(200)).text);
    expect(nav.querySelector('a[href="/admin/settlement"]')).to.not.equal(null);

    for (const agent of await outsiders(h)) {
      for (const path of readPages) {
        await agent.get(path).expect(404);
      }
    }
    // Ids that name nothing, or are no ids at all, are the portal's 404.
    await admin.agent.get('/admin/settlement/runs/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.agent.get('/admin/settlement/statements/not-an-id').expect(404);
    await admin.agent.get('/admin/settlement/payment-files/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.agent.get('/admin/settlement/centres/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.agent.get(`/admin/settlement/centres/${centre.id}?cursor=not-a-cursor`).expect(404);
    await admin.agent.get('/admin/settlement?cursor=not-a-cursor').expect(404);
  });

  it("when a centre's statements, a filtered list, a change of answers and refusals are shown, then each says what it is", async () => {
    const centre = await centreWithHours('Loopbaan West', '0.50');
    const first = await runThroughPages(admin.agent, programme, { day: '28', month: '6', year: '2091' });
    const sent = await first.confirm().expect(303);
    const runPath = (sent.headers.location as string).replace(/\?.*$/, '');

    // The check page's "Change" link brings the answers back into the form.
    const change = page(first.check.text).querySelector('.govuk-summary-list__actions a')!.getAttribute('href')!;
    const form = page((await admin.agent.get(change).expect(200)).text);
    expect(form.querySelector('#programme option[selected]')!.getAttribute('value')).to.equal(programme);
    expect(form.querySelector('#periodEnd-day')!.getAttribute('value')).to.equal('28');
    expect(form.querySelector('#periodEnd-month')!.getAttribute('value')).to.equal('6');

    // The same confirmation key sent with other answers is refused, and nothing else is run.
    const reused = await admin.agent
      .post('/admin/settlement/run')
      .type('form')
      .send({ ...first.hidden, periodEnd: '2091-06-27' })
      .expect(422);
    expect(textOf(page(reused.text).querySelector('.govuk-error-summary'))).to.include('This form was sent already');

    const filtered = page((await auditor.agent.get(`/admin/settlement?programme=${programme}`).expect(200)).text);
    const rows = filtered.querySelectorAll('#runs tbody tr').map((row) => textOf(row));
    expect(rows.length).to.be.at.least(1);
    for (const row of rows) expect(row).to.include(programmeName);

    const statements = page((await auditor.agent.get(`/admin/settlement/centres/${centre.id}`).expect(200)).text);
    expect(textOf(statements.querySelector('h1'))).to.equal('Statements of Loopbaan West');
    expect(statements.querySelectorAll('#statements tbody tr').map((row) => textOf(row))).to.deep.equal([
      `28 June 2091 ${programmeName} EUR 50.00 Not paid Not paid yet`,
    ]);
    expect(changeForms(statements)).to.deep.equal([]);

    // No debtor account for a programme of its own: the file is refused, named at its button.
    const own = (await openLbcLike(h, { values: { hourlyFee: '100.000' } })).code;
    const ownCentre = await createCentre(h, { programme: own });
    await sessionToday(h, await chequeInUse(h, admin.actor, own, ownCentre), '1.00');
    const ownRun = await runThroughPages(admin.agent, own, { day: '28', month: '6', year: '2091' });
    const ownPath = ((await ownRun.confirm().expect(303)).headers.location as string).replace(/\?.*$/, '');
    const ownPage = page((await admin.agent.get(ownPath).expect(200)).text);
    expect(textOf(ownPage.querySelector('main'))).to.include('The programme has no account to pay from yet');
    // The administrator is sent to where it is set.
    expect(ownPage.querySelector(`a[href="/admin/programmes/${own}/debtor-account/change"]`)?.textContent).to.equal(
      'Set the account to pay from',
    );
    const key = ownPage.querySelector('form[action$="/payment-files"] input[name="key"]')!.getAttribute('value');
    const refused = await admin.agent
      .post(`${ownPath}/payment-files`)
      .type('form')
      .send({ _csrf: csrfOf(ownPage.toString()), key })
      .expect(422);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.include(
      'The programme has no account to pay from. Set it first',
    );
    expect(runPath).to.not.equal(ownPath);

    // Accounts set and the payment approved, but by the administrator who set the centre's account: refused too.
    await setDebtorAccount(h, admin.actor.auth, own);
    await setCentreAccount(h, admin.actor.auth, ownCentre.id);
    const ownRunJson = (
      await h.http
        .get(`/v1/settlements/${ownPath.split('/').pop()!}`)
        .set(admin.actor.auth)
        .expect(200)
    ).body as {
      statementList: { id: string }[];
    };
    await payStatementWithFourEyes(h, admin.actor.auth, second.actor.auth, ownRunJson.statementList[0]!.id);
    const again = page((await admin.agent.get(ownPath).expect(200)).text);
    const fourEyes = await admin.agent
      .post(`${ownPath}/payment-files`)
      .type('form')
      .send({
        _csrf: csrfOf(again.toString()),
        key: again.querySelector('form[action$="/payment-files"] input[name="key"]')!.getAttribute('value'),
      })
      .expect(409);
    expect(textOf(page(fourEyes.text).querySelector('.govuk-error-summary'))).to.include('Another administrator must make the file');
  });
});

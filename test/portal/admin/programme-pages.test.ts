// The administrator's programmes and pending changes (issue 18, item 2), over HTTP: the list and
// a programme's dated versions with what each changed, proposing a parameter change and opening
// a programme (each a pending change a second administrator decides), the pending change's page
// (approve, reject with a reason, withdraw), the homes, read-only for the auditor and the
// portal's 404 for a citizen and a centre, in English and Dutch.
import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { harness, type Harness } from '../../support/harness.js';
import { type Agent, csrfOf, dateFields, formFields, page, textOf } from '../../support/pages.js';
import { openProgramme, programmeCode } from '../../support/programme-factory.js';
import { openLbcLike, referenceValues } from '../../support/reference-like-programmes.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const pendingOf = async (h: Harness, code: string) =>
  queryRows<{ id: string; kind: string; status: string; payload: Record<string, unknown> }>(
    h.sequelize,
    `SELECT id, kind, status, payload FROM pending_changes WHERE target_id = $1 ORDER BY requested_at`,
    [code],
  );

const versionsOf = async (h: Harness, code: string) =>
  queryRows<{ effective_from: string; values: Record<string, unknown> }>(
    h.sequelize,
    `SELECT effective_from::text, "values" FROM programme_parameters WHERE programme_code = $1 ORDER BY effective_from`,
    [code],
  );

/**
 * The home lists the 20 changes waiting longest: ours when no more than 20 are waiting (other
 * files' tests share the database and may leave theirs), else it says more are waiting.
 */
async function expectOnHome(h: Harness, home: ReturnType<typeof page>, href: string) {
  const [waiting] = await queryRows<{ count: number }>(
    h.sequelize,
    `SELECT count(*)::int AS count FROM pending_changes WHERE status = 'pending'`,
  );
  if ((waiting?.count ?? 0) <= 20) expect(home.querySelector(`a[href="${href}"]`), href).to.not.equal(null);
  else expect(textOf(home.querySelector('main'))).to.match(/More changes are waiting|Er wachten meer wijzigingen/);
}

const summaryOf = (html: string) => textOf(page(html).querySelector('.govuk-error-summary'));

const post = (agent: Agent, path: string, fields: Record<string, string>) => agent.post(path).type('form').send(fields);

describe('Admin portal: programmes and pending changes', () => {
  let h: Harness;
  let admin: Staff;
  let second: Staff;
  let auditor: Staff;
  let others: Agent[];
  let code: string;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
    second = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
    others = await outsiders(h);
    code = (await openLbcLike(h)).code;
  });

  it('when an administrator and an auditor read the programmes and a programme, then they see its kind, currency, status and versions; the auditor no form; others the 404', async () => {
    const list = page((await admin.agent.get('/admin/programmes').expect(200)).text);
    expect(list.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(list.querySelector('title'))).to.equal('Programmes – Learning Accounts');
    // The list is paged by code: our programme may be on a later page, the first page still shows programmes.
    expect(list.querySelectorAll('tbody tr').length).to.be.greaterThan(0);
    expect(list.querySelector('a.govuk-button[href="/admin/programmes/new"]')).to.not.equal(null);

    const shown = page((await admin.agent.get(`/admin/programmes/${code}`).expect(200)).text);
    expect(textOf(shown.querySelector('h1'))).to.equal(`Programme ${code}`);
    const summary = textOf(shown.querySelector('.govuk-summary-list'));
    expect(summary).to.include('Hours voucher').and.include('EUR').and.include('Open');
    expect(textOf(shown.querySelector('main')))
      .to.include('In force')
      .and.include('Hourly fee paid to centres')
      .and.include('EUR 140.256');
    expect(shown.querySelector(`a[href="/admin/programmes/${code}/parameters/new"]`)).to.not.equal(null);

    const dutch = page((await admin.agent.get(`/admin/programmes/${code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Urencheque')
      .and.include('Geldt nu')
      .and.include('EUR 140,256');

    for (const path of ['/admin/programmes', `/admin/programmes/${code}`, '/admin/pending-changes', '/auditor']) {
      const read = page((await auditor.agent.get(path).expect(200)).text);
      expect(changeForms(read), path).to.have.length(0);
      expect(read.querySelector('a.govuk-button'), path).to.equal(null);
    }
    for (const path of ['/admin/programmes/new', `/admin/programmes/${code}/parameters/new`]) await auditor.agent.get(path).expect(404);
    for (const agent of others) {
      for (const path of ['/admin', '/admin/programmes', `/admin/programmes/${code}`, '/admin/pending-changes', '/admin/programmes/new']) {
        await agent.get(path).expect(404);
      }
    }
    await admin.agent.get('/admin/programmes/NOSUCHCODE').expect(404);
  });

  it('when an administrator proposes a fee change, then bad input and the service refusals name the field and change nothing; the check page leads to a pending change a second administrator approves', async () => {
    const path = `/admin/programmes/${code}/parameters/new`;
    const form = await admin.agent.get(path).expect(200);
    const fields = formFields(form.text, path);
    expect(fields['p-hourlyFee']).to.equal('140.256');
    const feeInput = page(form.text).querySelector('#p-hourlyFee');
    expect(feeInput?.getAttribute('inputmode')).to.equal('decimal');
    expect(textOf(page(form.text).querySelector('#p-hourlyFee')?.parentNode)).to.include('EUR');
    const start = '2027-01-01';
    const before = await pendingOf(h, code);

    // No CSRF token: refused.
    const { _csrf: token, ...withoutToken } = fields;
    expect(token).to.be.a('string');
    await post(admin.agent, path, {
      ...withoutToken,
      ...dateFields('effectiveFrom', start),
      'p-hourlyFee': '150.00',
      step: 'confirm',
    }).expect(403);
    // Not an amount, and a date that does not exist.
    const bad = await post(admin.agent, path, {
      ...fields,
      'effectiveFrom-day': '31',
      'effectiveFrom-month': '2',
      'effectiveFrom-year': '2027',
      step: 'check',
    });
    expect(bad.status).to.equal(400);
    expect(summaryOf(bad.text)).to.include('In force from');
    const notAmount = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', start),
      'p-hourlyFee': 'a lot',
      step: 'check',
    });
    expect(notAmount.status).to.equal(400);
    expect(summaryOf(notAmount.text)).to.include('Hourly fee paid to centres');
    // Nothing different: nothing to propose.
    const same = await post(admin.agent, path, { ...fields, ...dateFields('effectiveFrom', start), step: 'check' });
    expect(same.status).to.equal(400);
    expect(summaryOf(same.text)).to.include('Change at least one value');
    // Over the service's bound: its refusal, named at the field.
    const refusedAtCheck = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', start),
      'p-hourlyFee': '1500.00',
      step: 'check',
    });
    expect(refusedAtCheck.status).to.equal(422);
    expect(summaryOf(refusedAtCheck.text)).to.include('Hourly fee paid to centres: must be at most 1000.000');
    // Sent all the same (a form of before): refused again.
    const tooHigh = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', start),
      'p-hourlyFee': '1500.00',
      step: 'confirm',
    });
    expect(tooHigh.status).to.equal(422);
    expect(summaryOf(tooHigh.text)).to.include('Hourly fee paid to centres: must be at most 1000.000');
    expect(page(tooHigh.text).querySelector('.govuk-error-summary a[href="#p-hourlyFee"]')).to.not.equal(null);
    expect(await pendingOf(h, code)).to.deep.equal(before);

    const check = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', start),
      'p-hourlyFee': '150.00',
      note: 'Index 2027',
      step: 'check',
    });
    expect(check.status).to.equal(200);
    const checkPage = page(check.text);
    expect(textOf(checkPage.querySelector('h1'))).to.equal('Check your answers');
    const changes = textOf(checkPage.querySelector('table'));
    expect(changes).to.include('Hourly fee paid to centres').and.include('EUR 140.256').and.include('EUR 150.00');
    expect(changes).to.not.include('Co-payment');
    expect(await pendingOf(h, code)).to.deep.equal(before);

    const sent = await post(admin.agent, path, { ...formFields(check.text, path), step: 'confirm' });
    expect(sent.status).to.equal(303);
    const [pending] = (await pendingOf(h, code)).filter((change) => change.status === 'pending');
    expect(pending?.kind).to.equal('programme_parameters');
    expect(pending?.payload.values).to.deep.equal({ hourlyFee: '150.00' });
    expect(sent.headers.location).to.equal(`/admin/pending-changes/${pending?.id}?done=requested`);
    const confirmation = page((await admin.agent.get(sent.headers.location as string).expect(200)).text);
    expect(textOf(confirmation.querySelector('.govuk-panel')))
      .to.include('Change sent for approval')
      .and.include(pending?.id ?? '');
    expect(textOf(confirmation.querySelector('main'))).to.include('A second administrator must approve it');

    // The proposer cannot approve: said plainly, nothing applied.
    const changePath = `/admin/pending-changes/${pending?.id}`;
    const own = await admin.agent.get(changePath).expect(200);
    expect(page(own.text).querySelector(`form[action="${changePath}/approve"]`)).to.equal(null);
    const selfApproved = await post(admin.agent, `${changePath}/approve`, { _csrf: csrfOf(own.text), key: crypto.randomUUID() });
    expect(selfApproved.status).to.equal(403);
    expect(summaryOf(selfApproved.text)).to.include('You proposed this change, so you cannot approve it');
    expect((await versionsOf(h, code)).map((version) => version.effective_from)).to.not.include(start);

    // The second administrator sees it waiting on their home and in the list, and approves it once.
    const home = page((await second.agent.get('/admin').expect(200)).text);
    await expectOnHome(h, home, changePath);
    const ownHome = page((await admin.agent.get('/admin').expect(200)).text);
    expect(ownHome.querySelector(`a[href="${changePath}"]`)).to.equal(null);
    expect(textOf(ownHome.querySelector('main'))).to.include('You proposed');
    const listed = textOf(page((await second.agent.get('/admin/pending-changes').expect(200)).text).querySelector('main'));
    expect(listed).to.include(`Parameter change: ${code}`);
    const decide = await second.agent.get(changePath).expect(200);
    const approveFields = formFields(decide.text, `${changePath}/approve`);
    await post(second.agent, `${changePath}/approve`, { key: approveFields.key ?? '' }).expect(403);
    const approved = await post(second.agent, `${changePath}/approve`, approveFields);
    expect(approved.status).to.equal(303);
    const again = await post(second.agent, `${changePath}/approve`, approveFields);
    expect(again.status).to.equal(303);
    const versions = await versionsOf(h, code);
    expect(versions.filter((version) => version.effective_from === start)).to.have.length(1);
    expect(versions.find((version) => version.effective_from === start)?.values.hourlyFee).to.equal('150.00');
    const audited = await queryRows<{ action: string }>(
      h.sequelize,
      `SELECT action FROM audit_log WHERE entity_type = 'pending_change' AND entity_id = $1 ORDER BY id`,
      [pending?.id],
    );
    expect(audited.map((row) => row.action)).to.deep.equal(['pending_change.requested', 'pending_change.approved']);

    // The programme's page shows the future version with what it changed.
    const programme = page((await auditor.agent.get(`/admin/programmes/${code}`).expect(200)).text);
    const future = textOf(programme.querySelector('#version-2027-01-01'));
    expect(future).to.include('Future').and.include('Hourly fee paid to centres').and.include('EUR 140.256').and.include('EUR 150.00');
  });

  it('when a second administrator rejects a change, then a reason is required; the proposer withdraws another of theirs; an auditor cannot post either', async () => {
    const path = `/admin/programmes/${code}/parameters/new`;
    const form = await admin.agent.get(path).expect(200);
    const fields = formFields(form.text, path);
    const propose = async (date: string, coPayment: string) => {
      const sent = await post(admin.agent, path, {
        ...fields,
        ...dateFields('effectiveFrom', date),
        'p-coPayment': coPayment,
        step: 'confirm',
      });
      expect(sent.status, summaryOf(sent.text)).to.equal(303);
      return (sent.headers.location as string).replace('?done=requested', '');
    };
    const first = await propose('2028-01-01', '50.00');
    const rejectPage = await second.agent.get(`${first}/reject`).expect(200);
    const noReason = await post(second.agent, `${first}/reject`, { _csrf: csrfOf(rejectPage.text), reason: '  ' });
    expect(noReason.status).to.equal(400);
    expect(summaryOf(noReason.text)).to.include('Enter why you reject the change');
    const auditorPage = await auditor.agent.get(first).expect(200);
    expect(changeForms(page(auditorPage.text))).to.have.length(0);
    expect(page(auditorPage.text).querySelector('a.govuk-button')).to.equal(null);
    await post(auditor.agent, `${first}/reject`, { _csrf: csrfOf(auditorPage.text), reason: 'No.' }).expect(404);
    const rejected = await post(second.agent, `${first}/reject`, {
      _csrf: csrfOf(rejectPage.text),
      reason: 'The co-payment stays at EUR 45.',
    });
    expect(rejected.status).to.equal(303);
    const shown = page((await admin.agent.get(`${first}?done=rejected`).expect(200)).text);
    expect(textOf(shown.querySelector('.govuk-summary-list')))
      .to.include('Rejected')
      .and.include('The co-payment stays at EUR 45.');
    expect(changeForms(shown)).to.have.length(0);

    const second2 = await propose('2028-01-01', '40.00');
    const mine = await admin.agent.get(second2).expect(200);
    const foreign = await post(second.agent, `${second2}/withdraw`, { _csrf: csrfOf((await second.agent.get(second2)).text) });
    expect(foreign.status).to.equal(403);
    expect(summaryOf(foreign.text)).to.include('Only the administrator who proposed a change can withdraw it');
    const withdrawn = await post(admin.agent, `${second2}/withdraw`, { _csrf: csrfOf(mine.text) });
    expect(withdrawn.status).to.equal(303);
    const statuses = (await pendingOf(h, code))
      .filter((change) => change.payload.effectiveFrom === '2028-01-01')
      .map((change) => change.status);
    expect(statuses).to.deep.equal(['rejected', 'withdrawn']);
    expect((await versionsOf(h, code)).map((version) => version.effective_from)).to.not.include('2028-01-01');
    const dutch = page((await admin.agent.get(second2).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('.govuk-summary-list'))).to.include('Ingetrokken');
  });

  it('when an administrator opens a programme of a kind, then the kind comes first, bad fields are named, and the opening waits for a second administrator', async () => {
    const kindPage = await admin.agent.get('/admin/programmes/new').expect(200);
    const noKind = await post(admin.agent, '/admin/programmes/new', { _csrf: csrfOf(kindPage.text) });
    expect(noKind.status).to.equal(400);
    expect(summaryOf(noKind.text)).to.include('Choose the kind of programme');
    const chosen = await post(admin.agent, '/admin/programmes/new', { _csrf: csrfOf(kindPage.text), kind: 'course_grant' });
    expect(chosen.status).to.equal(303);
    expect(chosen.headers.location).to.equal('/admin/programmes/new/course-grant');
    await admin.agent.get('/admin/programmes/new/no-such-kind').expect(404);

    const action = '/admin/programmes/new/course-grant';
    const form = await admin.agent.get(action).expect(200);
    const formPage = page(form.text);
    expect(textOf(formPage.querySelector('h1'))).to.equal('Open a programme: Course grant');
    expect(formPage.querySelector('#p-yearlyMaximum')?.getAttribute('inputmode')).to.equal('decimal');
    expect(formPage.querySelector('#p-closingDate-day')).to.not.equal(null);
    expect(formPage.querySelector('textarea#p-windows')).to.not.equal(null);
    const newCode = programmeCode();
    const good = {
      ...formFields(form.text, action),
      code: newCode,
      nameEn: `Grant ${newCode}`,
      nameNl: `Beurs ${newCode}`,
      currency: 'GBP',
      ...dateFields('effectiveFrom', '2027-04-01'),
      'p-yearlyMaximum': '200.00',
      'p-verificationWeeks': '4',
      'p-accountYearStartMonth': '4',
    };
    const bad = await post(admin.agent, action, {
      ...good,
      code: 'x1',
      'p-verificationWeeks': 'four',
      'p-windows': '{ not json',
      'effectiveFrom-day': '32',
      note: 'x'.repeat(501),
      step: 'check',
    });
    expect(bad.status).to.equal(400);
    const said = summaryOf(bad.text);
    expect(said).to.include('Programme code').and.include('Weeks for the provider to verify').and.include('Application windows');
    expect(said).to.include('In force from: enter a real date').and.include('Note (optional): enter at most 500 characters');
    const taken = await post(admin.agent, action, { ...good, code, step: 'check' });
    expect(taken.status).to.equal(409);
    expect(summaryOf(taken.text)).to.include('Programme code: a programme with this code already exists');
    const past = await post(admin.agent, action, { ...good, ...dateFields('effectiveFrom', '2020-01-01'), step: 'check' });
    expect(past.status).to.equal(422);
    expect(summaryOf(past.text)).to.include('In force from: must be');
    const bounded = await post(admin.agent, action, { ...good, 'p-yearlyMaximum': '20000.00', step: 'check' });
    expect(bounded.status).to.equal(422);
    expect(summaryOf(bounded.text)).to.include('Most per year: must be at most 10000.00');
    expect(await pendingOf(h, newCode)).to.deep.equal([]);

    const check = await post(admin.agent, action, { ...good, step: 'check' });
    expect(check.status).to.equal(200);
    expect(textOf(page(check.text).querySelector('.govuk-summary-list')))
      .to.include('GBP 200.00')
      .and.include('1 April 2027')
      .and.include(newCode);
    const back = await post(admin.agent, action, { ...formFields(check.text, action), step: 'change' });
    expect(back.status).to.equal(200);
    expect(formFields(back.text, action)['p-yearlyMaximum']).to.equal('200.00');
    const sent = await post(admin.agent, action, { ...formFields(check.text, action), step: 'confirm' });
    expect(sent.status).to.equal(303);
    const twice = await post(admin.agent, action, { ...formFields(check.text, action), step: 'confirm' });
    expect(twice.status).to.equal(409);
    expect(summaryOf(twice.text)).to.include('already waiting for a second administrator');
    const [opening] = await pendingOf(h, newCode);
    expect(opening?.kind).to.equal('programme_opening');
    expect(opening?.payload).to.deep.include({ kind: 'course_grant', currency: 'GBP', effectiveFrom: '2027-04-01' });
    const shown = page((await second.agent.get(`/admin/pending-changes/${opening?.id}`).expect(200)).text);
    expect(textOf(shown.querySelector('#what')?.parentNode))
      .to.include('Course grant')
      .and.include('GBP 200.00');
    await second.agent.get(`/admin/programmes/${newCode}`).expect(404);
  });

  it('when an hours voucher is opened, then its cheques are a list of hours and what happens to expired hours a choice; the check page reads them back in Dutch', async () => {
    const action = '/admin/programmes/new/hours-voucher';
    const form = await admin.agent.get(action).set('Cookie', 'lang=nl').expect(200);
    const formPage = page(form.text);
    expect(textOf(formPage.querySelector('h1'))).to.equal('Een programma openen: Urencheque');
    expect(formPage.querySelectorAll('input[name="p-expiredHours"][type="radio"]')).to.have.length(2);
    const newCode = programmeCode();
    const fields = {
      ...formFields(form.text, action),
      code: newCode.toLowerCase(),
      nameEn: `Cheques ${newCode}`,
      nameNl: `Cheques ${newCode}`,
      currency: 'eur',
      ...dateFields('effectiveFrom', '2027-06-01'),
      'p-rightHours': '7',
      'p-rightPeriodYears': '6',
      'p-voucherHours': '4, 3',
      'p-coPayment': '45,00',
      'p-coPaymentDueDays': '14',
      'p-voucherValidityMonths': '3',
      'p-expiredHours': 'return',
      'p-hourlyFee': '140.256',
    };
    const notHours = await post(admin.agent, action, { ...fields, 'p-voucherHours': '4, three', step: 'check' }).set('Cookie', 'lang=nl');
    expect(notHours.status).to.equal(400);
    expect(summaryOf(notHours.text)).to.include('Uren per cheque: vul een aantal uren in');
    // The service's refusals in Dutch: a value left out, an amount over its ceiling.
    const missing = await post(admin.agent, action, { ...fields, 'p-coPaymentDueDays': '', step: 'check' }).set('Cookie', 'lang=nl');
    expect(missing.status).to.equal(422);
    expect(summaryOf(missing.text)).to.include('Dagen om de eigen bijdrage te betalen: vul een waarde in');
    const over = await post(admin.agent, action, { ...fields, 'p-hourlyFee': '2000', step: 'check' }).set('Cookie', 'lang=nl');
    expect(over.status).to.equal(422);
    expect(summaryOf(over.text)).to.include('Uurtarief voor de centra: mag hoogstens 1000.000 zijn');
    const check = await post(admin.agent, action, { ...fields, step: 'check' }).set('Cookie', 'lang=nl');
    expect(check.status, summaryOf(check.text)).to.equal(200);
    const rows = textOf(page(check.text).querySelector('.govuk-summary-list'));
    expect(rows)
      .to.include(newCode)
      .and.include('4 uur, 3 uur')
      .and.include('EUR 45,00')
      .and.include('Terug naar het recht')
      .and.include('1 juni 2027');
    const sent = await post(admin.agent, action, { ...formFields(check.text, action), step: 'confirm' });
    expect(sent.status).to.equal(303);
    const [opening] = await pendingOf(h, newCode);
    expect(opening?.payload.values).to.deep.include({
      voucherHours: ['4.00', '3.00'],
      coPayment: '45.00',
      expiredHours: 'return',
      placesTarget: null,
    });

    // The auditor's home lists it among the changes waiting, without a form.
    const home = page((await auditor.agent.get('/auditor').expect(200)).text);
    expect(textOf(home.querySelector('h1'))).to.equal('Audit');
    await expectOnHome(h, home, `/admin/pending-changes/${opening?.id}`);
    expect(changeForms(home)).to.have.length(0);

    // Approved by the second administrator, the programme opens with its first version.
    const openingPath = `/admin/pending-changes/${opening?.id}`;
    const decide = await second.agent.get(openingPath).expect(200);
    expect((await post(second.agent, `${openingPath}/approve`, formFields(decide.text, `${openingPath}/approve`))).status).to.equal(303);
    const opened = page((await second.agent.get(`/admin/programmes/${newCode}`).expect(200)).text);
    expect(textOf(opened.querySelector('#version-2027-06-01')))
      .to.include('The first version')
      .and.include('4 hours, 3 hours');
  });

  it('when decisions go wrong (a form without its key, a key of another change, a change decided already, a date taken, a change of the kind waiting), then the page says so and nothing more is applied', async () => {
    const path = `/admin/programmes/${code}/parameters/new`;
    const form = await admin.agent.get(path).expect(200);
    const fields = formFields(form.text, path);
    // The first version starts today: a version on that date exists.
    const taken = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', h.clock.today()),
      'p-coPayment': '40.00',
      step: 'check',
    });
    expect(taken.status).to.equal(409);
    expect(summaryOf(taken.text)).to.include('In force from: a version already starts on this date');

    const proposed = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', '2029-01-01'),
      'p-coPayment': '40.00',
      step: 'confirm',
    });
    expect(proposed.status, summaryOf(proposed.text)).to.equal(303);
    const first = (proposed.headers.location as string).replace('?done=requested', '');
    const waiting = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', '2029-01-01'),
      'p-coPayment': '41.00',
      step: 'confirm',
    });
    expect(waiting.status).to.equal(409);
    expect(summaryOf(waiting.text)).to.include('already waiting for a second administrator');

    const decide = await second.agent.get(first).expect(200);
    const approve = formFields(decide.text, `${first}/approve`);
    const noKey = await post(second.agent, `${first}/approve`, { _csrf: approve._csrf ?? '' });
    expect(noKey.status).to.equal(400);
    expect(summaryOf(noKey.text)).to.include('This form was sent already');

    // A budget funding over the approval threshold waits too, and reads as money.
    const funded = await h.http
      .post(`/v1/programmes/${code}/budget`)
      .set(admin.actor.auth)
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ amount: '250000.00', note: 'Q3 allocation' });
    expect(funded.status, JSON.stringify(funded.body)).to.equal(202);
    const funding = `/admin/pending-changes/${funded.body.id}`;
    const fundingPage = page((await second.agent.get(funding).expect(200)).text);
    expect(textOf(fundingPage.querySelector('#what')?.parentNode))
      .to.include('EUR 250,000.00')
      .and.include('Q3 allocation');
    // A key written into one change's form, used to approve another, then sent again for its own: refused.
    const fundingApproved = await post(second.agent, `${funding}/approve`, approve);
    expect(fundingApproved.status).to.equal(303);
    const reusedWrong = await post(second.agent, `${first}/approve`, approve);
    expect(reusedWrong.status).to.equal(422);
    expect(summaryOf(reusedWrong.text)).to.include('This form was sent already');

    const rejectPage = await second.agent.get(`${first}/reject`).expect(200);
    await post(second.agent, `${first}/reject`, { _csrf: csrfOf(rejectPage.text), reason: 'Not this year.' }).expect(303);
    const late = await post(second.agent, `${first}/reject`, { _csrf: csrfOf(rejectPage.text), reason: 'Again.' });
    expect(late.status).to.equal(409);
    expect(summaryOf(late.text)).to.include('This change was already decided');
    const lateApproval = await post(second.agent, `${first}/approve`, { ...approve, key: crypto.randomUUID() });
    expect(lateApproval.status).to.equal(409);
    expect(summaryOf(lateApproval.text)).to.include('This change was already decided');
    expect((await versionsOf(h, code)).map((version) => version.effective_from)).to.not.include('2029-01-01');

    const rejectedList = textOf(
      page((await auditor.agent.get('/admin/pending-changes?status=rejected').expect(200)).text).querySelector('main'),
    );
    expect(rejectedList).to.include(`Parameter change: ${code}`);
  });

  it('when a programme starts later or its closing date has passed, then its page says not started yet or closed, and its first version has no before', async () => {
    const later = await openProgramme(h, {
      kind: 'hours_voucher',
      currency: 'EUR',
      values: referenceValues('LBC'),
      effectiveFrom: '2099-01-01',
    });
    const notStarted = page((await auditor.agent.get(`/admin/programmes/${later.code}`).expect(200)).text);
    expect(textOf(notStarted.querySelector('.govuk-summary-list'))).to.include('Not started yet');
    const first = notStarted.querySelector('#version-2099-01-01');
    expect(textOf(first)).to.include('Future').and.include('The first version');
    expect(first?.querySelectorAll('thead th')).to.have.length(2);

    // A closing date before the first day: the programme never takes a claim.
    const yesterday = new Date(Date.parse(`${h.clock.today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const closed = await openProgramme(h, {
      kind: 'hours_voucher',
      currency: 'EUR',
      values: { ...referenceValues('LBC'), closingDate: yesterday },
    });
    const closedPage = page((await auditor.agent.get(`/admin/programmes/${closed.code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(closedPage.querySelector('.govuk-summary-list'))).to.include('Gesloten');
  });

  it('when a change sets no amount (days to pay), then it is stored at once, without a second administrator, and the programme says so', async () => {
    const path = `/admin/programmes/${code}/parameters/new`;
    const form = await admin.agent.get(path).expect(200);
    const before = await pendingOf(h, code);
    const sent = await post(admin.agent, path, {
      ...formFields(form.text, path),
      ...dateFields('effectiveFrom', '2030-01-01'),
      'p-coPaymentDueDays': '21',
      step: 'confirm',
    });
    expect(sent.status, summaryOf(sent.text)).to.equal(303);
    expect(sent.headers.location).to.equal(`/admin/programmes/${code}?done=changed`);
    expect(await pendingOf(h, code)).to.deep.equal(before);
    expect((await versionsOf(h, code)).find((version) => version.effective_from === '2030-01-01')?.values.coPaymentDueDays).to.equal(21);
    const shown = page((await admin.agent.get(sent.headers.location as string).expect(200)).text);
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('did not need a second administrator');
    expect(textOf(shown.querySelector('#version-2030-01-01')))
      .to.include('Days to pay the co-payment')
      .and.include('14')
      .and.include('21');
  });
});

// The administrator's programme forms at their edges, over HTTP: each kind of field of the
// parameter change form (dates as three fields, JSON, choices, lists, whole numbers the service
// bounds, fields left out or sent twice), the opening form without its own fields, the paged lists
// of programmes and pending changes (with a kind, and a cursor the service never issued), and
// decisions on a change that is gone or cannot be applied any more.
import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { idempotencyKey } from '../../support/actors.js';
import { harness, type Harness } from '../../support/harness.js';
import { type Agent, csrfOf, dateFields, formFields, page, textOf } from '../../support/pages.js';
import { openProgramme, programmeCode } from '../../support/programme-factory.js';
import { openLbcLike, referenceValues } from '../../support/reference-like-programmes.js';
import { grant, lbcCitizen } from '../../support/voucher-factory.js';
import { accountCitizen, claim, openAccounts, topUp } from '../../accounts/account-fixtures.js';
import { staffOf, type Staff } from './admin-pages-support.js';

const summaryOf = (html: string) => textOf(page(html).querySelector('.govuk-error-summary'));

const post = (agent: Agent, path: string, fields: Record<string, string>) => agent.post(path).type('form').send(fields);

/** Every field but `names`. */
const without = (fields: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));

const pendingOf = async (h: Harness, code: string) =>
  queryRows<{ id: string; status: string }>(h.sequelize, `SELECT id, status FROM pending_changes WHERE target_id = $1`, [code]);

const versionsOf = async (h: Harness, code: string) =>
  queryRows<{ effective_from: string; values: Record<string, unknown> }>(
    h.sequelize,
    `SELECT effective_from::text, "values" FROM programme_parameters WHERE programme_code = $1 ORDER BY effective_from`,
    [code],
  );

const WINDOWS = [{ id: '2027-spring', opensOn: '2027-03-01', closesOn: '2027-03-31', budget: '5000.00', allocation: 'first_come' }];

describe('Admin portal: programme forms at their edges', () => {
  let h: Harness;
  let admin: Staff;
  let second: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
    second = await staffOf(h, 'admin');
  });

  it('when a course grant has a closing date and windows, then its change form shows the date in three fields and the windows as JSON; a bad date, a long note and a bound the service keeps are named at their fields', async () => {
    const { code } = await openProgramme(h, {
      kind: 'course_grant',
      currency: 'GBP',
      values: { ...referenceValues('ITA'), closingDate: '2031-12-31', windows: WINDOWS },
    });
    const path = `/admin/programmes/${code}/parameters/new`;
    const form = await admin.agent.get(path).expect(200);
    const fields = formFields(form.text, path);
    expect(fields).to.include({ 'p-closingDate-day': '31', 'p-closingDate-month': '12', 'p-closingDate-year': '2031' });
    expect(JSON.parse(fields['p-windows'] ?? '')).to.deep.equal(WINDOWS);
    const start = dateFields('effectiveFrom', '2030-01-01');
    const before = await versionsOf(h, code);

    // "Change" on the check page: the form again, with what was typed.
    const back = await post(admin.agent, path, { ...fields, ...start, 'p-yearlyMaximum': '250.00', step: 'change' });
    expect(back.status).to.equal(200);
    expect(formFields(back.text, path)['p-yearlyMaximum']).to.equal('250.00');

    const badDate = await post(admin.agent, path, { ...fields, ...start, ...dateFields('p-closingDate', '2031-02-30'), step: 'check' });
    expect(badDate.status).to.equal(400);
    expect(summaryOf(badDate.text)).to.include('Closing date: enter a real date');
    expect(page(badDate.text).querySelector('.govuk-error-summary a[href="#p-closingDate-day"]')).to.not.equal(null);

    const longNote = await post(admin.agent, path, {
      ...fields,
      ...start,
      'p-yearlyMaximum': '250.00',
      note: 'x'.repeat(501),
      step: 'check',
    });
    expect(longNote.status).to.equal(400);
    expect(summaryOf(longNote.text)).to.include('Note (optional): enter at most 500 characters');

    // Under the service's lower bound: its own words, at the field.
    const noWeeks = await post(admin.agent, path, { ...fields, ...start, 'p-verificationWeeks': '0', step: 'check' });
    expect(noWeeks.status).to.equal(400);
    expect(summaryOf(noWeeks.text)).to.include('Weeks for the provider to verify:');
    expect(page(noWeeks.text).querySelector('.govuk-error-summary a[href="#p-verificationWeeks"]')).to.not.equal(null);
    expect(await versionsOf(h, code)).to.deep.equal(before);

    // A new closing date typed in its three fields, the note left out: the check page reads it back.
    const check = await post(admin.agent, path, {
      ...without(fields, 'note'),
      ...start,
      ...dateFields('p-closingDate', '2032-06-30'),
      step: 'check',
    });
    expect(check.status, summaryOf(check.text)).to.equal(200);
    expect(textOf(page(check.text).querySelector('table')))
      .to.include('Closing date')
      .and.include('31 December 2031')
      .and.include('30 June 2032');

    // The closing date emptied: no closing date from then on.
    const cleared = await post(admin.agent, path, {
      ...fields,
      ...start,
      ...dateFields('p-closingDate', '--'),
      step: 'check',
    });
    expect(cleared.status, summaryOf(cleared.text)).to.equal(200);
    expect(textOf(page(cleared.text).querySelector('table')))
      .to.include('31 December 2031')
      .and.include('Not set');
  });

  it('when an hours voucher change has a choice that is not offered, no cheques, or a field sent twice, then the page names the field (once) or says nothing changed, and nothing is stored', async () => {
    const { code } = await openProgramme(h, { kind: 'hours_voucher', currency: 'EUR', values: referenceValues('LBC') });
    const path = `/admin/programmes/${code}/parameters/new`;
    const fields = formFields((await admin.agent.get(path).expect(200)).text, path);
    const start = dateFields('effectiveFrom', '2030-01-01');

    const choice = await post(admin.agent, path, { ...fields, ...start, 'p-expiredHours': 'keep', step: 'check' });
    expect(choice.status).to.equal(400);
    expect(summaryOf(choice.text)).to.include('Hours left on an expired cheque: choose one of the options');

    const noCheques = await post(admin.agent, path, { ...fields, ...start, 'p-voucherHours': ' , ', step: 'check' });
    expect(noCheques.status).to.equal(400);
    expect(summaryOf(noCheques.text)).to.include('Hours of each cheque: Too small');

    const zeroes = await post(admin.agent, path, { ...fields, ...start, 'p-voucherHours': '0, 0', step: 'check' });
    // Each cheque refused by the service: the field is named once.
    expect(zeroes.status).to.equal(400);
    expect(summaryOf(zeroes.text)).to.include('Hours of each cheque: must be greater than zero');
    expect(page(zeroes.text).querySelectorAll('.govuk-error-summary a[href="#p-voucherHours"]')).to.have.length(1);

    // A field sent twice is no one text: it is taken as not given, as is a date whose boxes are not sent; nothing changes.
    const form = new URLSearchParams({
      ...without(fields, 'p-closingDate-day', 'p-closingDate-month', 'p-closingDate-year'),
      ...start,
      step: 'check',
    });
    form.set('p-coPayment', '50.00');
    form.append('p-coPayment', '60.00');
    const twice = await admin.agent.post(path).type('form').send(form.toString());
    expect(twice.status).to.equal(400);
    expect(summaryOf(twice.text)).to.include('Change at least one value');
    expect((await pendingOf(h, code)).filter((change) => change.status === 'pending')).to.deep.equal([]);
    expect(await versionsOf(h, code)).to.have.length(1);
  });

  it('when a change is dated before a programme starts, then the form starts empty (nothing is in force today) and the change, following no version, is refused at its fields; a path that is no programme code is the portal 404', async () => {
    const { code } = await openProgramme(h, {
      kind: 'hours_voucher',
      currency: 'EUR',
      values: referenceValues('LBC'),
      effectiveFrom: '2099-01-01',
    });
    const path = `/admin/programmes/${code}/parameters/new`;
    const fields = formFields((await admin.agent.get(path).expect(200)).text, path);
    // No version is in force today: nothing to start from.
    expect(fields['p-coPayment']).to.equal('');
    const check = await post(admin.agent, path, {
      ...fields,
      ...dateFields('effectiveFrom', '2098-01-01'),
      'p-rightHours': '7',
      'p-rightPeriodYears': '6',
      'p-voucherHours': '4, 3',
      'p-coPayment': '45.00',
      'p-coPaymentDueDays': '21',
      'p-voucherValidityMonths': '3',
      'p-expiredHours': 'forfeit',
      'p-hourlyFee': '140.256',
      step: 'check',
    });
    // It follows no version: the empty optional values are refused at their fields, nothing is stored.
    expect(check.status).to.equal(422);
    expect(summaryOf(check.text)).to.include('Places per programme year').and.include('Closing date');
    expect((await versionsOf(h, code)).map((version) => version.effective_from)).to.deep.equal(['2099-01-01']);
    for (const bad of ['/admin/programmes/lbc', '/admin/programmes/L1/parameters/new']) await admin.agent.get(bad).expect(404);
  });

  it('when more programmes exist than a page holds, then the list links to the next page and back to the first; a cursor the list never issued is the portal 404', async () => {
    const [counted] = await queryRows<{ count: number }>(h.sequelize, `SELECT count(*)::int AS count FROM programmes`);
    for (let i = counted?.count ?? 0; i < 26; i += 1) {
      await openProgramme(h, { kind: 'hours_voucher', currency: 'EUR', values: referenceValues('LBC') });
    }
    const first = page((await admin.agent.get('/admin/programmes').expect(200)).text);
    expect(first.querySelectorAll('tbody tr')).to.have.length(25);
    const next = first.querySelector('.govuk-pagination__next a')?.getAttribute('href');
    expect(next).to.match(/^\/admin\/programmes\?cursor=/);
    const second = page((await admin.agent.get(next ?? '').expect(200)).text);
    expect(second.querySelector('.govuk-pagination__prev a')?.getAttribute('href')).to.equal('/admin/programmes');
    const firstCodes = first.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('td, th')));
    const secondCodes = second.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('td, th')));
    expect(secondCodes.filter((value) => firstCodes.includes(value))).to.deep.equal([]);
    await admin.agent.get('/admin/programmes?cursor=not-a-cursor').expect(404);
  });

  it('when more budget fundings wait than a page holds, then the list of that kind links to its next page and back; a cursor it never issued is the portal 404', async () => {
    const { code } = await openProgramme(h, { kind: 'hours_voucher', currency: 'EUR', values: referenceValues('LBC') });
    const waiting = async () =>
      (
        await queryRows<{ count: number }>(
          h.sequelize,
          `SELECT count(*)::int AS count FROM pending_changes WHERE status = 'pending' AND kind = 'budget_funding'`,
        )
      )[0]?.count ?? 0;
    while ((await waiting()) < 26) {
      const funded = await h.http
        .post(`/v1/programmes/${code}/budget`)
        .set(admin.actor.auth)
        .set('Idempotency-Key', idempotencyKey())
        .send({ amount: '250000.00', note: 'paging' });
      expect(funded.status, JSON.stringify(funded.body)).to.equal(202);
    }
    const base = '/admin/pending-changes?status=pending&kind=budget_funding';
    const first = page((await second.agent.get(base).expect(200)).text);
    const next = first.querySelector('.govuk-pagination__next a')?.getAttribute('href') ?? '';
    expect(next.startsWith(`${base}&cursor=`), next).to.equal(true);
    const later = page((await second.agent.get(next).expect(200)).text);
    expect(later.querySelector('.govuk-pagination__prev a')?.getAttribute('href')).to.equal(base);
    expect(textOf(later.querySelector('main')))
      .to.include('Budget funding')
      .and.not.include('Parameter change');
    await second.agent.get(`${base}&cursor=not-a-cursor`).expect(404);
  });

  it('when a decision names no change or cannot be applied any more, then the page says so: an unknown change is the portal 404, a reject without a reason asks for one, an opening whose prefix was taken meanwhile stays waiting', async () => {
    const unknown = `/admin/pending-changes/${crypto.randomUUID()}`;
    const home = await admin.agent.get('/admin').expect(200);
    await post(admin.agent, `${unknown}/withdraw`, { _csrf: csrfOf(home.text) }).expect(404);

    // Two openings asked for at once: the second's reference prefix is the first's code.
    const taker = programmeCode();
    const request = (code: string, values: Record<string, unknown>) =>
      h.http
        .post('/v1/programmes')
        .set(admin.actor.auth)
        .send({ code, kind: 'hours_voucher', names: { en: code, nl: code }, currency: 'EUR', effectiveFrom: '2027-01-01', values });
    const first = await request(taker, referenceValues('LBC'));
    expect(first.status, JSON.stringify(first.body)).to.equal(202);
    const later = programmeCode();
    const secondOpening = await request(later, { ...referenceValues('LBC'), referencePrefix: taker });
    expect(secondOpening.status, JSON.stringify(secondOpening.body)).to.equal(202);
    const path = `/admin/pending-changes/${secondOpening.body.id}`;

    const rejectPage = await second.agent.get(`${path}/reject`).expect(200);
    const noReason = await post(second.agent, `${path}/reject`, { _csrf: csrfOf(rejectPage.text) });
    expect(noReason.status).to.equal(400);
    expect(summaryOf(noReason.text)).to.include('Enter why you reject the change');

    const takerPage = await second.agent.get(`/admin/pending-changes/${first.body.id}`).expect(200);
    const approvedFirst = await post(
      second.agent,
      `/admin/pending-changes/${first.body.id}/approve`,
      formFields(takerPage.text, `/admin/pending-changes/${first.body.id}/approve`),
    );
    expect(approvedFirst.status).to.equal(303);
    const decide = await second.agent.get(path).expect(200);
    const refused = await post(second.agent, `${path}/approve`, formFields(decide.text, `${path}/approve`));
    expect(refused.status).to.equal(409);
    expect(summaryOf(refused.text)).to.include('The change could not be applied').and.include(taker).and.include('It is still waiting');
    expect((await pendingOf(h, later)).map((change) => change.status)).to.deep.equal(['pending']);
    await second.agent.get(`/admin/programmes/${later}`).expect(404);
  });

  it('when an opening is sent without its code, currency and note, then the code and currency are named and amounts wait for a currency; a note given is kept with the request', async () => {
    const action = '/admin/programmes/new/accruing-account';
    const form = await admin.agent.get(action).expect(200);
    const fields = {
      ...formFields(form.text, action),
      nameEn: 'Accruing account',
      nameNl: 'Spaarrekening',
      ...dateFields('effectiveFrom', '2027-09-01'),
      'p-yearlyAccrual': '500.00',
      'p-ceiling': '5000.00',
      'p-accountYearStartMonth': '9',
      'p-coPayment': '0.00',
      'p-coPaymentExemptGroups': 'low_income',
      'p-verificationWeeks': '4',
    };
    const bare = await post(admin.agent, action, { ...without(fields, 'code', 'currency', 'note'), step: 'check' });
    expect(bare.status).to.equal(400);
    expect(summaryOf(bare.text)).to.include('Programme code').and.include('Currency');
    expect(textOf(page(bare.text).querySelector('#p-ceiling')?.parentNode)).to.include('the currency');

    const code = programmeCode();
    const sent = await post(admin.agent, action, { ...fields, code, currency: 'EUR', note: 'Pilot in one region', step: 'confirm' });
    expect(sent.status, summaryOf(sent.text)).to.equal(303);
    const [opening] = await queryRows<{ payload: Record<string, unknown> }>(
      h.sequelize,
      `SELECT payload FROM pending_changes WHERE target_id = $1`,
      [code],
    );
    expect(opening?.payload).to.deep.include({ kind: 'accruing_account', currency: 'EUR' });
    expect(JSON.stringify(opening?.payload)).to.include('Pilot in one region');
  });

  it('when the last place of a programme year is taken, then the programme reads closed though its closing date has not come', async () => {
    const { code } = await openLbcLike(h, { values: { placesTarget: 1 } });
    const open = page((await admin.agent.get(`/admin/programmes/${code}`).expect(200)).text);
    expect(textOf(open.querySelector('.govuk-summary-list'))).to.include('Open');
    await grant(h, (await lbcCitizen(h)).actor, code);
    const full = page((await admin.agent.get(`/admin/programmes/${code}`).expect(200)).text);
    expect(textOf(full.querySelector('.govuk-summary-list')))
      .to.include('Closed')
      .and.not.include('Open');
  });

  it('when a large top-up of an account waits for a second administrator, then its page shows the amount as money, the funder by name and the citizen', async () => {
    const { code } = await openAccounts(h);
    const citizen = await accountCitizen(h);
    expect((await claim(h, citizen.actor, code)).status).to.equal(201);
    const requested = await topUp(h, admin.actor, code, {
      citizenId: citizen.id,
      amount: '15000.00',
      funder: { type: 'region', name: 'Région Sud' },
    });
    expect(requested.status, JSON.stringify(requested.body)).to.equal(202);
    const path = `/admin/pending-changes/${requested.body.id}`;
    const shown = page((await second.agent.get(path).expect(200)).text);
    expect(textOf(shown.querySelector('#what')?.parentNode))
      .to.include('Amount EUR 15,000.00')
      .and.include('Funder Région Sud (region)')
      .and.include(`Citizen ${citizen.id}`);
    expect(shown.querySelector(`a[href="/admin/programmes/${code}"]`)).to.not.equal(null);
    expect(shown.querySelector(`form[action="${path}/approve"]`)).to.not.equal(null);
    const dutch = page((await second.agent.get(path).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('#what')?.parentNode)).to.include('EUR 15.000,00');
  });
});

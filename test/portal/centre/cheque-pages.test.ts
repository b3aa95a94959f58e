import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { addDays } from '../../../server/shared/calendar.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { openVoucherProgramme, setToday, type VoucherProgramme } from '../../support/voucher-factory.js';
import { chequeAsCitizen, issuedCheque, keyOf, sessionFields, signedInCentre, submit } from './centre-pages-support.js';

const TODAY = '2026-12-01';

describe('Centre portal: registering a cheque, recording sessions and closing with a development plan', () => {
  let h: Harness;
  let programme: VoucherProgramme;
  before(async () => {
    h = harness();
    programme = await openVoucherProgramme(h, TODAY);
  });
  beforeEach(() => setToday(h, TODAY));

  it('when staff register a cheque with the code and client number the citizen gave, then its page shows its hours, in English and Dutch', async () => {
    const centre = await programme.centre();
    const { citizen, cheque } = await issuedCheque(h, programme);
    const agent = await signedInCentre(h, centre);
    const form = page((await agent.get('/centre/cheques/register').expect(200)).text);
    expect(form.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(form.querySelector('title'))).to.include('Register a cheque');
    const res = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', {
      code: cheque.code.toLowerCase(),
      clientNumber: cheque.clientNumber.replace(/(\d{4})/, '$1 '),
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/centre/cheques/${cheque.code}?done=registered`);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('in_use');

    const shown = page((await agent.get(res.headers.location!).expect(200)).text);
    expect(textOf(shown.querySelector('h1'))).to.equal(`Cheque ${cheque.code}`);
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('The cheque is registered at your centre.');
    expect(textOf(shown.querySelector('main')))
      .to.include('In use')
      .and.include('No sessions recorded yet.');
    // The client number was the citizen's to give once: the centre's pages never show it.
    expect(shown.toString()).not.to.include(cheque.clientNumber);
    const dutch = page((await agent.get(`/centre/cheques/${cheque.code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('In gebruik')
      .and.include('Nog geen sessies geregistreerd.');

    // A second submit of the same form finds the cheque registered here: the same answer.
    const again = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', {
      code: cheque.code,
      clientNumber: cheque.clientNumber,
    });
    expect(again.status).to.equal(303);
    expect(again.headers.location).to.equal(`/centre/cheques/${cheque.code}`);
  });

  it('when the form is badly filled in or the client number is wrong, then the error summary names the field and the cheque stays unregistered', async () => {
    const centre = await programme.centre();
    const { citizen, cheque } = await issuedCheque(h, programme);
    const agent = await signedInCentre(h, centre);
    const bad = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', { code: 'not a code', clientNumber: '12' });
    expect(bad.status).to.equal(400);
    const summary = page(bad.text).querySelector('.govuk-error-summary');
    expect(summary?.querySelector('a[href="#code"]')).to.not.equal(null);
    expect(textOf(summary?.querySelector('a[href="#clientNumber"]'))).to.equal('Enter the 8-digit client number the citizen gave you');
    expect(textOf(page(bad.text).querySelector('title'))).to.match(/^Error:/);

    const wrong = cheque.clientNumber === '00000000' ? '11111111' : '00000000';
    const refused = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', { code: cheque.code, clientNumber: wrong });
    expect(refused.status).to.equal(404);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary a[href="#code"]'))).to.include('do not match a cheque');
    // The client number typed is never written back into the page.
    expect(refused.text).not.to.include(wrong);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('issued');

    // Without the CSRF token nothing is registered either.
    await agent.post('/centre/cheques/register').type('form').send({ code: cheque.code, clientNumber: cheque.clientNumber }).expect(403);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('issued');
  });

  it('when a cheque was tried too often with a wrong client number, or was cancelled, then registering it is refused plainly', async () => {
    const centre = await programme.centre();
    const agent = await signedInCentre(h, centre);
    const { citizen, cheque } = await issuedCheque(h, programme);
    const wrong = cheque.clientNumber === '00000000' ? '11111111' : '00000000';
    for (let tried = 0; tried < h.config.chequeRegistration.perCheque; tried++) {
      const res = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', { code: cheque.code, clientNumber: wrong });
      expect(res.status).to.equal(404);
    }
    const locked = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', {
      code: cheque.code,
      clientNumber: cheque.clientNumber,
    });
    expect(locked.status).to.equal(429);
    expect(textOf(page(locked.text).querySelector('.govuk-error-summary a[href="#clientNumber"]'))).to.match(
      /^There were too many tries with a wrong client number. Try again in \d+ minutes.$/,
    );
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('issued');

    const cancelled = await issuedCheque(h, programme);
    await h.http.post(`/v1/vouchers/${cancelled.cheque.code}/cancel`).set(cancelled.citizen.actor.auth).expect(200);
    const refused = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', {
      code: cancelled.cheque.code,
      clientNumber: cancelled.cheque.clientNumber,
    });
    expect(refused.status).to.equal(409);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.include('This cheque cannot be registered');

    const late = await issuedCheque(h, programme);
    const { validUntil } = (await h.http.get(`/v1/vouchers/${late.cheque.code}`).set(late.citizen.actor.auth).expect(200)).body as {
      validUntil: string;
    };
    setToday(h, addDays(validUntil, 1));
    // Months later the session has long ended: staff sign in again.
    const expired = await submit(await signedInCentre(h, centre), '/centre/cheques/register', '/centre/cheques/register', {
      code: late.cheque.code,
      clientNumber: late.cheque.clientNumber,
    });
    expect(expired.status).to.equal(409);
    expect(textOf(page(expired.text).querySelector('.govuk-error-summary a[href="#code"]'))).to.include('no longer valid');
  });

  it("when staff open another centre's cheque or an unknown code, then every cheque page answers the portal's 404", async () => {
    const { cheque } = await programme.chequeInUse();
    const agent = await signedInCentre(h, await programme.centre());
    for (const path of [
      `/centre/cheques/${cheque.code}`,
      `/centre/cheques/${cheque.code}/sessions/new`,
      `/centre/cheques/${cheque.code}/close`,
    ]) {
      expect([path, (await agent.get(path)).status]).to.deep.equal([path, 404]);
    }
    expect((await agent.get(`/centre/cheques/${programme.code}-0000000000`)).status).to.equal(404);
    const form = await agent.get('/centre/cheques/register').expect(200);
    const post = await agent
      .post(`/centre/cheques/${cheque.code}/sessions/new`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...sessionFields(TODAY) });
    expect(post.status).to.equal(404);
  });

  it('when staff record a session, then the hours leave the cheque once, however often the form is sent', async () => {
    const { citizen, cheque, centre } = await programme.chequeInUse();
    const agent = await signedInCentre(h, centre);
    const formPath = `/centre/cheques/${cheque.code}/sessions/new`;
    const before = (await chequeAsCitizen(h, citizen.actor, cheque.code)).remainingHours.amount;
    const form = await agent.get(formPath).expect(200);
    const shown = page(form.text);
    expect(shown.querySelectorAll('h1')).to.have.length(1);
    expect(shown.querySelector('#date-day')).to.not.equal(null);
    expect(shown.querySelector('#hours')?.getAttribute('inputmode')).to.equal('decimal');
    const fields = { _csrf: csrfOf(form.text), key: keyOf(form.text), ...sessionFields(TODAY, { hours: '1,5' }) };
    const first = await agent.post(formPath).type('form').send(fields).expect(303);
    expect(first.headers.location).to.equal(`/centre/cheques/${cheque.code}?done=recorded`);
    await agent.post(formPath).type('form').send(fields).expect(303);
    const read = await chequeAsCitizen(h, citizen.actor, cheque.code);
    expect(read.sessions).to.have.length(1);
    expect(new Decimal(before).minus(read.remainingHours.amount).toFixed(2)).to.equal('1.50');

    const page1 = page((await agent.get(first.headers.location!).expect(200)).text);
    expect(textOf(page1.querySelector('table')))
      .to.include('An Peeters')
      .and.include('Guidance')
      .and.include('1.5');
    const dutch = page((await agent.get(`/centre/cheques/${cheque.code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('table')))
      .to.include('Begeleiding')
      .and.include('1,5');

    // The same key sent with other details is refused, and nothing more is recorded.
    const changed = await agent
      .post(formPath)
      .type('form')
      .send({ ...fields, hours: '2' });
    expect(changed.status).to.equal(422);
    expect(page(changed.text).querySelector('.govuk-error-summary a[href="#submit"]')).to.not.equal(null);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).sessions).to.have.length(1);
  });

  it('when a session is badly filled in or of a kind that is not billable, then the error summary names the field and nothing is recorded', async () => {
    const { citizen, cheque, centre } = await programme.chequeInUse();
    const agent = await signedInCentre(h, centre);
    const formPath = `/centre/cheques/${cheque.code}/sessions/new`;
    const cases: [Record<string, string>, string, number][] = [
      [{ hours: '1.3' }, '#hours', 400],
      [{ hours: '' }, '#hours', 400],
      [{ 'date-day': '31', 'date-month': '02' }, '#date-day', 400],
      [{ counsellor: ' ' }, '#counsellor', 400],
      [{ kind: 'coffee' }, '#kind', 400],
      [{ 'date-day': '02', 'date-month': '12' }, '#date-day', 422],
      [{ kind: 'preparation' }, '#kind', 422],
      [{ hours: '24' }, '#hours', 422],
    ];
    for (const [overrides, field, status] of cases) {
      const res = await submit(agent, formPath, formPath, sessionFields(TODAY, overrides));
      expect([JSON.stringify(overrides), res.status]).to.deep.equal([JSON.stringify(overrides), status]);
      const summary = page(res.text).querySelector('.govuk-error-summary');
      expect(summary?.querySelector(`a[href="${field}"]`), JSON.stringify(overrides)).to.not.equal(null);
    }
    const nonBillable = await submit(agent, formPath, formPath, sessionFields(TODAY, { kind: 'report_writing' }));
    expect(textOf(page(nonBillable.text).querySelector('.govuk-error-summary'))).to.include('Only guidance is paid from a cheque');
    // What was typed stays in the form.
    expect(page(nonBillable.text).querySelector('#counsellor')?.getAttribute('value')).to.equal('An Peeters');
    const dutch = await submit(agent, formPath, formPath, sessionFields(TODAY, { kind: 'preparation' })).then(() =>
      agent.get(formPath).set('Cookie', 'lang=nl').expect(200),
    );
    expect(textOf(page(dutch.text).querySelector('h1'))).to.equal(`Sessie registreren op cheque ${cheque.code}`);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).sessions).to.have.length(0);
    await agent.post(formPath).type('form').send(sessionFields(TODAY)).expect(403);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).sessions).to.have.length(0);
  });

  it('when staff close a cheque, then they check the plan, may change it, and once confirmed the cheque is closed with it', async () => {
    const { citizen, cheque, centre } = await programme.chequeInUse();
    const agent = await signedInCentre(h, centre);
    const closePath = `/centre/cheques/${cheque.code}/close`;
    // Before any session the service refuses, shown plainly on the check page.
    const plan = { summary: 'Wants to move into project management.', goals: 'Take a PRINCE2 course\r\nTalk to HR about a transfer\r\n' };
    const early = await submit(agent, closePath, closePath, { ...plan, step: 'confirm' });
    expect(early.status).to.equal(409);
    expect(textOf(page(early.text).querySelector('.govuk-error-summary'))).to.include('Record at least one session');

    const sessionPath = `/centre/cheques/${cheque.code}/sessions/new`;
    expect((await submit(agent, sessionPath, sessionPath, sessionFields(TODAY))).status).to.equal(303);

    const empty = await submit(agent, closePath, closePath, { summary: '', goals: '\n \n', step: 'check' });
    expect(empty.status).to.equal(400);
    const summary = page(empty.text).querySelector('.govuk-error-summary');
    expect(summary?.querySelector('a[href="#summary"]')).to.not.equal(null);
    expect(summary?.querySelector('a[href="#goals"]')).to.not.equal(null);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('in_use');

    const check = await submit(agent, closePath, closePath, { ...plan, step: 'check' });
    expect(check.status).to.equal(200);
    const checked = page(check.text);
    expect(textOf(checked.querySelector('h1'))).to.equal(`Check the development plan of cheque ${cheque.code}`);
    expect(checked.querySelectorAll('.govuk-summary-list li').map(textOf)).to.deep.equal([
      'Take a PRINCE2 course',
      'Talk to HR about a transfer',
    ]);
    const hidden = (name: string) => checked.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
    const change = await agent
      .post(closePath)
      .type('form')
      .send({ _csrf: csrfOf(check.text), summary: hidden('summary'), goals: hidden('goals'), step: 'change' })
      .expect(200);
    expect(page(change.text).querySelector('#summary')?.textContent).to.include('project management');
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('in_use');

    await agent
      .post(closePath)
      .type('form')
      .send({ summary: hidden('summary'), goals: hidden('goals'), step: 'confirm' })
      .expect(403);
    const confirm = { _csrf: csrfOf(check.text), summary: hidden('summary'), goals: hidden('goals'), step: 'confirm' };
    const closed = await agent.post(closePath).type('form').send(confirm).expect(303);
    expect(closed.headers.location).to.equal(`/centre/cheques/${cheque.code}?done=closed`);
    await agent.post(closePath).type('form').send(confirm).expect(303);
    expect((await chequeAsCitizen(h, citizen.actor, cheque.code)).status).to.equal('closed');
    const shown = page((await agent.get(`/centre/cheques/${cheque.code}`).expect(200)).text);
    expect(textOf(shown.querySelector('main')))
      .to.include('Personal development plan')
      .and.include('Take a PRINCE2 course');
    expect(shown.querySelector(`a[href="${sessionPath}"]`)).to.equal(null);
    // A closed cheque's forms send staff back to the cheque.
    await agent.get(sessionPath).expect(303).expect('Location', `/centre/cheques/${cheque.code}`);
    await agent.get(closePath).expect(303).expect('Location', `/centre/cheques/${cheque.code}`);
  });
});

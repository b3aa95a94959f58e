import { expect } from 'chai';
import { applyFor, fundIta, itaCitizen, providerWithCourse } from '../../applications/ita-fixtures.js';
import { harness, type Harness } from '../../support/harness.js';
import { idempotencyKey } from '../../support/actors.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { openVoucherProgramme, setToday, type VoucherProgramme } from '../../support/voucher-factory.js';
import { chequeAsCitizen, issuedCheque, oneSession, restrict, sessionFields, signedInCentre, submit } from './centre-pages-support.js';

const TODAY = '2026-12-01';

describe("Centre portal: the centre's home, and a suspended or revoked centre", () => {
  let h: Harness;
  let programme: VoucherProgramme;
  before(async () => {
    h = harness();
    programme = await openVoucherProgramme(h, TODAY);
  });
  beforeEach(() => setToday(h, TODAY));

  it('when a centre opens its home, then its cheques with hours left, the disputes against its sessions and its open statements show, in English and Dutch', async () => {
    const { citizen, cheque, centre } = await programme.chequeInUse();
    const sessionId = await oneSession(h, centre, cheque.code, TODAY);
    // A disputed session waits for the decision; the other is settled into a statement.
    await oneSession(h, centre, cheque.code, TODAY);
    const dispute = await h.http
      .post(`/v1/vouchers/${cheque.code}/disputes`)
      .set(citizen.actor.auth)
      .send({ sessionId, reason: 'I was ill that day.' });
    expect(dispute.status, JSON.stringify(dispute.body)).to.equal(201);
    setToday(h, '2026-12-02');
    const settled = await h.http
      .post('/v1/settlements')
      .set(programme.admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: programme.code, periodEnd: TODAY });
    expect(settled.status, JSON.stringify(settled.body)).to.be.oneOf([200, 201]);

    const agent = await signedInCentre(h, centre);
    const home = page((await agent.get('/centre').expect(200)).text);
    expect(home.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(home.querySelector('title'))).to.include('Your centre');
    expect(textOf(home.querySelector('#applications + p'))).to.equal('No applications are waiting for you to verify them.');
    const cheques = textOf(home.querySelector('[aria-labelledby="cheques"]'));
    expect(cheques).to.include(cheque.code);
    expect(home.querySelector(`a[href="/centre/cheques/${cheque.code}"]`)).to.not.equal(null);
    expect(textOf(home.querySelector('[aria-labelledby="disputes"]')))
      .to.include('I was ill that day.')
      .and.include('1 December 2026');
    const statements = textOf(home.querySelector('[aria-labelledby="statements"]'));
    expect(statements).to.include('1 December 2026');
    expect(home.querySelector('a.govuk-button[href="/centre/cheques/register"]')).to.not.equal(null);
    expect(home.querySelector('.govuk-notification-banner')).to.equal(null);

    const dutch = page((await agent.get('/centre').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Cheques met uren over')
      .and.include('Sessies die de burger betwist');
    expect(textOf(dutch.querySelector('[aria-labelledby="disputes"]'))).to.include('1 december 2026');
  });

  it('when a provider has applications waiting, then its home lists them with the date to verify them by', async () => {
    setToday(h, '2026-05-10');
    await fundIta(h);
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await signedInCentre(h, provider);
    const home = page((await agent.get('/centre').expect(200)).text);
    const listed = textOf(home.querySelector('[aria-labelledby="applications"]'));
    expect(listed).to.include(application.reference).and.include(course.title);
    expect(home.querySelector(`a[href="/centre/applications/${application.reference}"]`)).to.not.equal(null);
    expect(textOf(home.querySelector('#cheques + p'))).to.equal('No cheque registered at your centre has hours left.');
  });

  it('when a centre is suspended, then every page says why and since when, it still reads its cheques, and every action is refused with nothing changed', async () => {
    const { citizen, cheque, centre } = await programme.chequeInUse();
    await oneSession(h, centre, cheque.code, TODAY);
    const waiting = await issuedCheque(h, programme);
    const agent = await signedInCentre(h, centre);
    const sessionPath = `/centre/cheques/${cheque.code}/sessions/new`;
    const closePath = `/centre/cheques/${cheque.code}/close`;
    // The forms as they were before the suspension, with their tokens and keys.
    const sessionForm = await agent.get(sessionPath).expect(200);
    const closeForm = await agent.get(closePath).expect(200);
    const registerForm = await agent.get('/centre/cheques/register').expect(200);
    await restrict(h, centre, 'suspended', 'Sessions billed that did not take place.');

    for (const path of ['/centre', `/centre/cheques/${cheque.code}`, '/centre/cheques/register', sessionPath, closePath]) {
      const shown = page((await agent.get(path).expect(200)).text);
      const banner = textOf(shown.querySelector('.govuk-notification-banner'));
      expect(banner, path).to.include(`Your accreditation for ${programme.code} is suspended since 1 December 2026.`);
      expect(banner, path).to.include('Reason: Sessions billed that did not take place.');
      expect(banner, path).to.include('You can still read your cheques, history and statements');
    }
    const chequePage = page((await agent.get(`/centre/cheques/${cheque.code}`).expect(200)).text);
    expect(textOf(chequePage.querySelector('table'))).to.include('An Peeters');
    expect(chequePage.querySelector(`a[href="${sessionPath}"]`)).to.equal(null);
    expect(textOf(chequePage.querySelector('.govuk-inset-text'))).to.include('cannot do this while its accreditation is suspended');
    const home = page((await agent.get('/centre').expect(200)).text);
    expect(home.querySelector('a.govuk-button[href="/centre/cheques/register"]')).to.equal(null);

    const refused = 'Your centre cannot do this while its accreditation is suspended or revoked. Nothing was changed.';
    const registered = await agent
      .post('/centre/cheques/register')
      .type('form')
      .send({ _csrf: csrfOf(registerForm.text), code: waiting.cheque.code, clientNumber: waiting.cheque.clientNumber });
    expect(registered.status).to.equal(422);
    expect(textOf(page(registered.text).querySelector('.govuk-error-summary'))).to.include(refused);
    const key = page(sessionForm.text).querySelector('input[name="key"]')?.getAttribute('value') ?? '';
    const recorded = await agent
      .post(sessionPath)
      .type('form')
      .send({ _csrf: csrfOf(sessionForm.text), key, ...sessionFields(TODAY) });
    expect(recorded.status).to.equal(422);
    expect(textOf(page(recorded.text).querySelector('.govuk-error-summary'))).to.include(refused);
    const closed = await agent
      .post(closePath)
      .type('form')
      .send({ _csrf: csrfOf(closeForm.text), summary: 'A plan.', goals: 'A goal', step: 'confirm' });
    expect(closed.status).to.equal(422);
    expect(textOf(page(closed.text).querySelector('.govuk-error-summary'))).to.include(refused);

    expect((await chequeAsCitizen(h, waiting.citizen.actor, waiting.cheque.code)).status).to.equal('issued');
    const after = await chequeAsCitizen(h, citizen.actor, cheque.code);
    expect([after.status, after.sessions.length]).to.deep.equal(['in_use', 1]);
  });

  it('when a centre is revoked, then its pages say since when and from which date it may apply again, in English and Dutch', async () => {
    const centre = await programme.centre();
    await restrict(h, centre, 'revoked', 'Fraud established.', '2027-06-01');
    const agent = await signedInCentre(h, centre);
    const english = textOf(page((await agent.get('/centre').expect(200)).text).querySelector('.govuk-notification-banner'));
    expect(english).to.include(`Your accreditation for ${programme.code} is revoked since 1 December 2026.`);
    expect(english).to.include('You may apply for a new accreditation from 1 June 2027.');
    const dutch = textOf(
      page((await agent.get('/centre/cheques/register').set('Cookie', 'lang=nl').expect(200)).text).querySelector(
        '.govuk-notification-banner',
      ),
    );
    expect(dutch).to.include(`Uw erkenning voor ${programme.code} is ingetrokken sinds 1 december 2026.`);
    expect(dutch).to.include('U mag vanaf 1 juni 2027 een nieuwe erkenning aanvragen.');
    const register = await submit(agent, '/centre/cheques/register', '/centre/cheques/register', {
      code: `${programme.code}-0000000000`,
      clientNumber: '12345678',
    });
    expect(register.status).to.equal(422);
  });
});

import { expect } from 'chai';
import { applyFor, fundIta, itaCitizen, providerWithCourse, setToday } from '../../applications/ita-fixtures.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import type { TestCentre } from '../../support/centre-factory.js';

const signedIn = async (h: Harness, centre: TestCentre): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, centre.staff.principal.email, centre.staff.password)).status).to.equal(303);
  return agent;
};

const statusOf = async (h: Harness, centre: TestCentre, reference: string) =>
  ((await h.http.get(`/v1/applications/${reference}`).set(centre.staff.auth).expect(200)).body as { status: string }).status;

/** The claim form: its CSRF token and the idempotency key it was rendered with. */
async function claimForm(agent: Agent, reference: string) {
  const res = await agent.get(`/centre/applications/${reference}/claim`).expect(200);
  const key = page(res.text).querySelector('input[name="key"]')?.getAttribute('value');
  expect(key).to.match(/^[0-9a-f-]{36}$/);
  return { csrf: csrfOf(res.text), key: key!, html: page(res.text) };
}

const startedOn = (date: string) => {
  const [year, month, day] = date.split('-');
  return { 'courseStartDate-day': day, 'courseStartDate-month': month, 'courseStartDate-year': year };
};

describe('Centre portal: applications to verify, verify, claim after the course starts, what will be paid', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  beforeEach(() => setToday(h, '2026-05-10'));

  it('when a centre opens its applications, then those to verify are listed soonest deadline first, in English and Dutch, and only its own', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const other = await providerWithCourse(h, '250.00');
    setToday(h, '2026-05-01');
    const early = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    setToday(h, '2026-05-10');
    const late = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const elsewhere = await applyFor(h, (await itaCitizen(h)).actor, other.course.id);
    const agent = await signedIn(h, provider);
    const list = page((await agent.get('/centre/applications').expect(200)).text);
    expect(list.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(list.querySelector('title'))).to.equal('Applications – Learning Accounts');
    expect(textOf(list.querySelector('#results'))).to.equal('Applications to verify: 2');
    const references = list.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('th, td')));
    expect(references).to.deep.equal([early.reference, late.reference]);
    expect(textOf(list.querySelector('tbody')))
      .to.include('GBP 200.00')
      .and.not.include(elsewhere.reference);
    const claimable = page((await agent.get('/centre/applications?list=claim').expect(200)).text);
    expect(textOf(claimable.querySelector('#results'))).to.equal('Applications to claim: 0');
    const dutch = page((await agent.get('/centre/applications').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Aanvragen');
    expect(textOf(dutch.querySelector('#results'))).to.equal('Te controleren aanvragen: 2');
    expect(textOf(list.querySelector('.govuk-service-navigation'))).to.include('Applications');
  });

  it('when a centre enters a reference, then its own application opens (in lower case too); another centre’s or an unknown one is named as not found', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const other = await providerWithCourse(h, '250.00');
    const own = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const elsewhere = await applyFor(h, (await itaCitizen(h)).actor, other.course.id);
    const agent = await signedIn(h, provider);
    const form = page((await agent.get('/centre/applications/find').expect(200)).text);
    expect(textOf(form.querySelector('h1'))).to.equal('Find an application');
    const found = await agent.get(`/centre/applications/find?reference=${own.reference.toLowerCase()}`).expect(303);
    expect(found.headers.location).to.equal(`/centre/applications/${own.reference}`);
    const empty = page((await agent.get('/centre/applications/find?reference=').expect(400)).text);
    expect(empty.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#reference');
    const theirs = page((await agent.get(`/centre/applications/find?reference=${elsewhere.reference}`).expect(404)).text);
    expect(textOf(theirs.querySelector('.govuk-error-summary'))).to.include('No application of your centre has this reference');
    for (const path of [
      `/centre/applications/${elsewhere.reference}`,
      `/centre/applications/${elsewhere.reference}/claim`,
      `/centre/applications/${elsewhere.reference}/claimed`,
      '/centre/applications/NOT-A-REFERENCE',
    ]) {
      expect(textOf(page((await agent.get(path).expect(404)).text).querySelector('h1'))).to.equal('Page not found');
    }
    const csrf = csrfOf((await agent.get(`/centre/applications/${own.reference}`).expect(200)).text);
    await agent.post(`/centre/applications/${elsewhere.reference}/verify`).type('form').send({ _csrf: csrf }).expect(404);
    expect(await statusOf(h, other.provider, elsewhere.reference)).to.equal('pending_verification');
  });

  it('when a centre verifies then claims with the course start date, then the funding is claimed once, the confirmation says what will be paid, and bad dates change nothing', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await signedIn(h, provider);
    const shown = await agent.get(`/centre/applications/${application.reference}`).expect(200);
    const shownPage = page(shown.text);
    expect(textOf(shownPage.querySelector('h1'))).to.equal(`Application ${application.reference}`);
    expect(textOf(shownPage.querySelector('.govuk-summary-list')))
      .to.include('To verify')
      .and.include('GBP 250.00')
      .and.include('GBP 200.00')
      .and.include('7 June 2026');
    await agent.get(`/centre/applications/${application.reference}/claim`).expect(404);
    await agent.post(`/centre/applications/${application.reference}/verify`).type('form').send({}).expect(403);
    expect(await statusOf(h, provider, application.reference)).to.equal('pending_verification');
    const verified = await agent
      .post(`/centre/applications/${application.reference}/verify`)
      .type('form')
      .send({ _csrf: csrfOf(shown.text) })
      .expect(303);
    expect(verified.headers.location).to.equal(`/centre/applications/${application.reference}?verified=1`);
    const after = page((await agent.get(verified.headers.location!).expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.include('The application is verified');
    expect(await statusOf(h, provider, application.reference)).to.equal('verified');

    const form = await claimForm(agent, application.reference);
    expect(textOf(form.html.querySelector('.govuk-summary-list')))
      .to.include('You will be paid')
      .and.include('GBP 200.00');
    expect(form.html.querySelectorAll('input[name^="courseStartDate-"]')).to.have.length(3);
    // Each refusal renders the form again with a new key, which the next try sends.
    let key = form.key;
    for (const bad of [
      { 'courseStartDate-day': '31', 'courseStartDate-month': '2', 'courseStartDate-year': '2026' },
      { 'courseStartDate-day': '', 'courseStartDate-month': '5', 'courseStartDate-year': '2026' },
      startedOn('2026-05-11'),
      startedOn('2026-04-01'),
    ]) {
      const refused = await agent
        .post(`/centre/applications/${application.reference}/claim`)
        .type('form')
        .send({ _csrf: form.csrf, key, ...bad });
      expect(refused.status, JSON.stringify(bad)).to.be.oneOf([400, 409]);
      const refusedPage = page(refused.text);
      key = refusedPage.querySelector('input[name="key"]')?.getAttribute('value') ?? '';
      expect(key).to.not.equal(form.key);
      expect(refusedPage.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#courseStartDate-day');
      expect(refusedPage.querySelector('input[name="courseStartDate-month"]')?.getAttribute('value')).to.equal(
        bad['courseStartDate-month'],
      );
    }
    expect(await statusOf(h, provider, application.reference)).to.equal('verified');
    await agent
      .post(`/centre/applications/${application.reference}/claim`)
      .type('form')
      .send({ key: form.key, ...startedOn('2026-05-10') })
      .expect(403);
    const fresh = await claimForm(agent, application.reference);
    const claim = () =>
      agent
        .post(`/centre/applications/${application.reference}/claim`)
        .type('form')
        .send({ _csrf: fresh.csrf, key: fresh.key, ...startedOn('2026-05-10') });
    const claimed = await claim().expect(303);
    expect((await claim().expect(303)).headers.location).to.equal(claimed.headers.location);
    expect(claimed.headers.location).to.equal(`/centre/applications/${application.reference}/claimed`);
    const confirmation = page((await agent.get(claimed.headers.location!).expect(200)).text);
    expect(textOf(confirmation.querySelector('.govuk-panel')))
      .to.include('Funding claimed')
      .and.include(application.reference);
    expect(textOf(confirmation)).to.include('You will be paid GBP 200.00 for the course that started on 10 May 2026');
    const body = (await h.http.get(`/v1/applications/${application.reference}`).set(provider.staff.auth).expect(200)).body as {
      status: string;
      claim: { courseStartDate: string };
    };
    expect(body.status).to.equal('claimed');
    expect(body.claim.courseStartDate).to.equal('2026-05-10');
    const dutch = page((await agent.get(claimed.headers.location!).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('.govuk-panel'))).to.include('Bedrag geclaimd');
  });

  it('when a claim form is sent again after the claim, from another tab or with its key and another date, then nothing is claimed twice and the page says why', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await signedIn(h, provider);
    const csrf = csrfOf((await agent.get(`/centre/applications/${application.reference}`).expect(200)).text);
    await agent.post(`/centre/applications/${application.reference}/verify`).type('form').send({ _csrf: csrf }).expect(303);
    const first = await claimForm(agent, application.reference);
    const second = await claimForm(agent, application.reference);
    // The first form's key, refused for a future date, is then sent with another date: another request.
    await agent
      .post(`/centre/applications/${application.reference}/claim`)
      .type('form')
      .send({ _csrf: first.csrf, key: first.key, ...startedOn('2026-06-01') })
      .expect(409);
    const reused = page(
      (
        await agent
          .post(`/centre/applications/${application.reference}/claim`)
          .type('form')
          .send({ _csrf: first.csrf, key: first.key, ...startedOn('2026-05-10') })
          .expect(422)
      ).text,
    );
    expect(reused.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#claim');
    expect(await statusOf(h, provider, application.reference)).to.equal('verified');
    await agent
      .post(`/centre/applications/${application.reference}/claim`)
      .type('form')
      .send({ _csrf: second.csrf, key: second.key, ...startedOn('2026-05-10') })
      .expect(303);
    // A third tab's form, with its own key, after the claim: the claim's confirmation, not a second claim.
    const stale = await agent
      .post(`/centre/applications/${application.reference}/claim`)
      .type('form')
      .send({ _csrf: second.csrf, key: '3f0c1a2e-8d4b-4c6e-9a1f-2b3c4d5e6f70', ...startedOn('2026-05-10') })
      .expect(303);
    expect(stale.headers.location).to.equal(`/centre/applications/${application.reference}/claimed`);
    const verifyAgain = page(
      (await agent.post(`/centre/applications/${application.reference}/verify`).type('form').send({ _csrf: csrf }).expect(409)).text,
    );
    expect(textOf(verifyAgain.querySelector('.govuk-error-summary'))).to.include('This application is already claimed');
    await agent.get(`/centre/applications/${application.reference}/claim`).expect(404);
    const claimedAt = await h.sequelize.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.claimed' AND entity_id = (SELECT id::text FROM applications WHERE reference = $1)`,
      {
        bind: [application.reference],
        plain: true,
      },
    );
    expect(claimedAt).to.deep.equal({ n: 1 });
  });

  it('when the centre is no longer accredited, then verifying and claiming are refused on the page and nothing changes', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const pending = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const verified = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await signedIn(h, provider);
    const csrf = csrfOf((await agent.get(`/centre/applications/${verified.reference}`).expect(200)).text);
    await agent.post(`/centre/applications/${verified.reference}/verify`).type('form').send({ _csrf: csrf }).expect(303);
    const form = await claimForm(agent, verified.reference);
    await h.ownerSequelize.query(`UPDATE accreditations SET status = 'suspended', reason = 'page test' WHERE centre_id = $1`, {
      bind: [provider.id],
    });
    const refused = page(
      (await agent.post(`/centre/applications/${pending.reference}/verify`).type('form').send({ _csrf: csrf }).expect(422)).text,
    );
    expect(textOf(refused.querySelector('.govuk-error-summary'))).to.include('Your centre is not accredited for this programme today');
    const unclaimed = page(
      (
        await agent
          .post(`/centre/applications/${verified.reference}/claim`)
          .type('form')
          .send({ _csrf: form.csrf, key: form.key, ...startedOn('2026-05-10') })
          .expect(422)
      ).text,
    );
    expect(textOf(unclaimed.querySelector('.govuk-error-summary'))).to.include('Your centre is not accredited for this programme today');
    expect(await statusOf(h, provider, pending.reference)).to.equal('pending_verification');
    expect(await statusOf(h, provider, verified.reference)).to.equal('verified');
  });

  it('when the verification deadline has passed, then verifying is refused on the page and nothing changes', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    setToday(h, '2026-06-08');
    const agent = await signedIn(h, provider);
    const csrf = csrfOf((await agent.get(`/centre/applications/${application.reference}`).expect(200)).text);
    const refused = page(
      (await agent.post(`/centre/applications/${application.reference}/verify`).type('form').send({ _csrf: csrf }).expect(409)).text,
    );
    expect(textOf(refused.querySelector('.govuk-error-summary'))).to.include('The deadline to verify this application has passed');
    expect(await statusOf(h, provider, application.reference)).to.equal('pending_verification');
  });
});

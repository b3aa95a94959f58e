// The centre portal's refusal of an application (issue 17, journey 3) and the citizen's page that
// shows the reason: a reason is required, nothing changes without it, and both languages read it.
import { expect } from 'chai';
import {
  applyFor,
  budgetMovedFor,
  claimFunding,
  fundIta,
  itaCitizen,
  providerWithCourse,
  setToday,
  verify,
} from '../../applications/ita-fixtures.js';
import type { TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';

const signedIn = async (email: string, password: string, h: Harness): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, email, password)).status).to.equal(303);
  return agent;
};
const staffOf = (h: Harness, centre: TestCentre) => signedIn(centre.staff.principal.email, centre.staff.password, h);

const statusOf = async (h: Harness, centre: TestCentre, reference: string) =>
  ((await h.http.get(`/v1/applications/${reference}`).set(centre.staff.auth).expect(200)).body as { status: string }).status;

const REASON = 'Your diploma is not the one this course requires.';

describe('Centre portal: refuse an application with a reason; the citizen reads it', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  beforeEach(() => setToday(h, '2026-05-10'));

  it('when the centre refuses with a reason, then the page shows it refused with the reason, the funding is back, and the citizen reads why in English and Dutch', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const citizen = await itaCitizen(h);
    const application = await applyFor(h, citizen.actor, course.id);
    const agent = await staffOf(h, provider);
    const shown = page((await agent.get(`/centre/applications/${application.reference}`).expect(200)).text);
    expect(shown.querySelector('#refuse')?.getAttribute('href')).to.equal(`/centre/applications/${application.reference}/refuse`);
    const form = await agent.get(`/centre/applications/${application.reference}/refuse`).expect(200);
    expect(textOf(page(form.text).querySelector('h1'))).to.equal(`Refuse application ${application.reference}`);
    const sent = await agent
      .post(`/centre/applications/${application.reference}/refuse`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: REASON })
      .expect(303);
    expect(sent.headers.location).to.equal(`/centre/applications/${application.reference}?refused=1`);
    const after = page((await agent.get(sent.headers.location as string).expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.include('The application is refused');
    expect(textOf(after.querySelector('main')))
      .to.include('Refused')
      .and.include(REASON);
    expect(after.querySelector('#refuse')).to.equal(null);
    expect(await statusOf(h, provider, application.reference)).to.equal('refused');
    expect((await budgetMovedFor(h, [application.reference])).toFixed(2)).to.equal('0.00');
    // Once refused, there is no form to refuse it again.
    await agent.get(`/centre/applications/${application.reference}/refuse`).expect(404);

    const dutchCentre = page((await agent.get(`/centre/applications/${application.reference}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutchCentre.querySelector('main')))
      .to.include('Geweigerd')
      .and.include('Reden van de weigering');

    const citizenAgent = await signedIn(citizen.email, citizen.actor.password, h);
    const own = page((await citizenAgent.get(`/citizen/applications/${application.reference}`).expect(200)).text);
    expect(textOf(own.querySelector('main')))
      .to.include('Refused by the provider')
      .and.include('Reason the provider gave')
      .and.include(REASON);
    const dutch = page(
      (await citizenAgent.get(`/citizen/applications/${application.reference}`).set('Cookie', 'lang=nl').expect(200)).text,
    );
    expect(textOf(dutch.querySelector('main')))
      .to.include('Geweigerd door de aanbieder')
      .and.include('Reden die de aanbieder gaf')
      .and.include(REASON);
  });

  it('when the reason is empty or too long, then the error summary names it, the typed text stays, and nothing changes', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await staffOf(h, provider);
    const form = await agent.get(`/centre/applications/${application.reference}/refuse`).expect(200);
    const empty = page(
      (
        await agent
          .post(`/centre/applications/${application.reference}/refuse`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), reason: '  ' })
          .expect(400)
      ).text,
    );
    expect(textOf(empty.querySelector('title'))).to.match(/^Error: /);
    expect(empty.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#reason');
    expect(textOf(empty.querySelector('.govuk-error-summary'))).to.include('Enter why you refuse this application');
    const missing = await agent
      .post(`/centre/applications/${application.reference}/refuse`)
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(400);
    expect(page(missing.text).querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#reason');
    const long = page(
      (
        await agent
          .post(`/centre/applications/${application.reference}/refuse`)
          .type('form')
          .set('Cookie', 'lang=nl')
          .send({ _csrf: csrfOf(form.text), reason: 'x'.repeat(501) })
          .expect(400)
      ).text,
    );
    expect(textOf(long.querySelector('.govuk-error-summary'))).to.include('hoogstens 500 tekens');
    expect(long.querySelector('textarea#reason')?.textContent).to.equal('x'.repeat(501));
    expect(await statusOf(h, provider, application.reference)).to.equal('pending_verification');
  });

  it('when the form is sent without its CSRF token, then it is refused 403 and nothing changes', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const agent = await staffOf(h, provider);
    await agent.post(`/centre/applications/${application.reference}/refuse`).type('form').send({ reason: REASON }).expect(403);
    expect(await statusOf(h, provider, application.reference)).to.equal('pending_verification');
  });

  it("when a centre opens or sends the refusal of another centre's application, then it answers 404 and nothing changes", async () => {
    const { provider } = await providerWithCourse(h, '250.00');
    const other = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, other.course.id);
    const agent = await staffOf(h, provider);
    await agent.get(`/centre/applications/${application.reference}/refuse`).expect(404);
    const csrf = csrfOf((await agent.get('/centre/applications').expect(200)).text);
    await agent.post(`/centre/applications/${application.reference}/refuse`).type('form').send({ _csrf: csrf, reason: REASON }).expect(404);
    expect(await statusOf(h, other.provider, application.reference)).to.equal('pending_verification');
  });

  it('when the application was claimed after the form was opened, then the page says it is claimed and nothing changes', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const application = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    const agent = await staffOf(h, provider);
    const form = await agent.get(`/centre/applications/${application.reference}/refuse`).expect(200);
    await claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10').expect(200);
    const res = await agent
      .post(`/centre/applications/${application.reference}/refuse`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: REASON })
      .expect(409);
    expect(textOf(page(res.text).querySelector('.govuk-error-summary'))).to.include('This application is already claimed');
    expect(await statusOf(h, provider, application.reference)).to.equal('claimed');
  });
});

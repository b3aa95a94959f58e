import { expect } from 'chai';
import { creditProvider, openCreditLots, creditCitizen } from '../../credit-lots/credit-lots-fixtures.js';
import { accountCitizen, accountProvider, openAccounts } from '../../accounts/account-fixtures.js';
import { fundIta, itaCitizen, providerWithCourse, setToday } from '../../applications/ita-fixtures.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import type { TestCitizen } from '../../support/citizen-factory.js';

const signedIn = async (h: Harness, citizen: TestCitizen): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  return agent;
};

/** The check page's form: its CSRF token and the idempotency key it was rendered with. */
async function checkForm(agent: Agent, courseId: string) {
  const res = await agent.get(`/citizen/courses/${courseId}/check`).expect(200);
  const key = page(res.text).querySelector('input[name="key"]')?.getAttribute('value');
  expect(key).to.match(/^[0-9a-f-]{36}$/);
  return { csrf: csrfOf(res.text), key: key!, html: page(res.text) };
}

describe('Citizen portal: find an approved course, see what is funded, apply, follow and cancel', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  beforeEach(() => setToday(h, '2026-05-10'));

  it('when a citizen searches by provider and title, then the matching approved courses are listed with their price; too long a search is named', async () => {
    const { provider, course } = await providerWithCourse(h, '250.00');
    const agent = await signedIn(h, await itaCitizen(h));
    const byTitle = page((await agent.get(`/citizen/courses?title=${encodeURIComponent(course.title.toLowerCase())}`).expect(200)).text);
    expect(byTitle.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(byTitle.querySelector('title'))).to.equal('Find a course – Learning Accounts');
    expect(textOf(byTitle.querySelector('#results'))).to.equal('Courses found: 1');
    expect(textOf(byTitle.querySelector('table')))
      .to.include(course.title)
      .and.include(provider.name)
      .and.include('GBP 250.00');
    const byProvider = page(
      (await agent.get(`/citizen/courses?provider=${encodeURIComponent(provider.name)}&title=nothing-like-it`).expect(200)).text,
    );
    expect(textOf(byProvider.querySelector('#results'))).to.equal('Courses found: 0');
    const wildcard = page((await agent.get('/citizen/courses?title=%25%25%25_').expect(200)).text);
    expect(textOf(wildcard.querySelector('#results'))).to.equal('Courses found: 0');
    const tooLong = await agent.get(`/citizen/courses?provider=${'x'.repeat(101)}`).expect(400);
    expect(page(tooLong.text).querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#provider');
    const dutch = page((await agent.get('/citizen/courses').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Zoek een opleiding');
  });

  it('when a citizen applies for an ITA course, then the funded and own part are shown first, the claim is made once, confirmed, and can be cancelled', async () => {
    const { course } = await providerWithCourse(h, '250.00');
    const citizen = await itaCitizen(h);
    const agent = await signedIn(h, citizen);
    const coursePage = page((await agent.get(`/citizen/courses/${course.id}`).expect(200)).text);
    expect(textOf(coursePage.querySelector('h1'))).to.equal(course.title);
    expect(textOf(coursePage)).to.include('The programme pays GBP 200.00').and.include('You pay the provider GBP 50.00');
    const form = await checkForm(agent, course.id);
    expect(textOf(form.html.querySelector('h1'))).to.equal('Check your answers before applying');
    await agent.post(`/citizen/courses/${course.id}/check`).type('form').send({ key: form.key }).expect(403);
    const badKey = await agent.post(`/citizen/courses/${course.id}/check`).type('form').send({ _csrf: form.csrf, key: 'nope' }).expect(400);
    expect(page(badKey.text).querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#key');
    expect((await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items).to.deep.equal([]);
    const applied = await agent
      .post(`/citizen/courses/${course.id}/check`)
      .type('form')
      .send({ _csrf: form.csrf, key: form.key })
      .expect(303);
    const again = await agent
      .post(`/citizen/courses/${course.id}/check`)
      .type('form')
      .send({ _csrf: form.csrf, key: form.key })
      .expect(303);
    expect(again.headers.location)
      .to.equal(applied.headers.location)
      .and.match(/^\/citizen\/applications\/ITA-[0-9A-Z]{10}\/confirmation$/);
    const reference = applied.headers.location!.split('/')[3]!;
    const confirmation = page((await agent.get(applied.headers.location!).expect(200)).text);
    expect(textOf(confirmation.querySelector('.govuk-panel')))
      .to.include('Application sent')
      .and.include(reference);
    expect(textOf(confirmation)).to.include('must check your application by 7 June 2026').and.include('You pay GBP 50.00');
    const rights = (await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items as {
      applications: unknown[];
    }[];
    expect(rights).to.have.length(1);
    expect(rights[0]!.applications).to.have.length(1);

    const stranger = await signedIn(h, await itaCitizen(h));
    for (const path of [
      `/citizen/applications/${reference}`,
      `/citizen/applications/${reference}/confirmation`,
      `/citizen/applications/${reference}/cancel`,
    ]) {
      await stranger.get(path).expect(404);
    }
    const secondTry = await checkForm(agent, course.id);
    const refused = await agent
      .post(`/citizen/courses/${course.id}/check`)
      .type('form')
      .send({ _csrf: secondTry.csrf, key: secondTry.key })
      .expect(409);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.include('already have a funded application');

    const cancel = await agent.get(`/citizen/applications/${reference}/cancel`).expect(200);
    expect(textOf(page(cancel.text).querySelector('h1'))).to.equal('Are you sure you want to cancel this application?');
    const strangerToken = csrfOf((await stranger.get('/citizen/account').expect(200)).text);
    await stranger.post(`/citizen/applications/${reference}/cancel`).type('form').send({ _csrf: strangerToken }).expect(404);
    const cancelled = await agent
      .post(`/citizen/applications/${reference}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(cancel.text) })
      .expect(303);
    const done = page((await agent.get(cancelled.headers.location!).expect(200)).text);
    expect(textOf(done.querySelector('.govuk-panel'))).to.include('Application cancelled');
    const followed = page((await agent.get(`/citizen/applications/${reference}`).expect(200)).text);
    expect(textOf(followed)).to.include('Cancelled').and.not.include('Cancel this application');
    await agent.get(`/citizen/applications/${reference}/cancel`).expect(404);
  });

  it('when an application can no longer be cancelled, then the page says so instead of failing', async () => {
    const { provider, course } = await providerWithCourse(h, '150.00');
    const citizen = await itaCitizen(h);
    const agent = await signedIn(h, citizen);
    const form = await checkForm(agent, course.id);
    const applied = await agent
      .post(`/citizen/courses/${course.id}/check`)
      .type('form')
      .send({ _csrf: form.csrf, key: form.key })
      .expect(303);
    const reference = applied.headers.location!.split('/')[3]!;
    const cancel = await agent.get(`/citizen/applications/${reference}/cancel`).expect(200);
    await h.http.post(`/v1/centres/${provider.id}/applications/${reference}/verify`).set(provider.staff.auth).expect(200);
    await h.http
      .post(`/v1/centres/${provider.id}/applications/${reference}/claim`)
      .set(provider.staff.auth)
      .set('Idempotency-Key', `claim-${reference}`)
      .send({})
      .expect(200);
    const refused = await agent
      .post(`/citizen/applications/${reference}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(cancel.text) })
      .expect(409);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.include('can no longer be cancelled');
    await agent.get(`/citizen/applications/${reference}/cancelled`).expect(404);
  });

  it('when a citizen looks at a credit-lots course, then the lots that would pay are shown, nothing is kept, and the claim draws them', async () => {
    const programme = await openCreditLots(h, { lots: [{ lot: 'opening', amount: '500.00' }] });
    const { courses } = await creditProvider(h, programme.code, [{ price: '800.00' }]);
    const course = courses[0]!;
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const agent = await signedIn(h, citizen);
    const shown = textOf(page((await agent.get(`/citizen/courses/${course.id}`).expect(200)).text));
    expect(shown)
      .to.include('The programme pays SGD 500.00')
      .and.include('You pay the provider SGD 300.00')
      .and.include('From your credit opening SGD 500.00');
    expect((await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items).to.deep.equal([]);
    const form = await checkForm(agent, course.id);
    const applied = await agent
      .post(`/citizen/courses/${course.id}/check`)
      .type('form')
      .send({ _csrf: form.csrf, key: form.key })
      .expect(303);
    const confirmation = textOf(page((await agent.get(applied.headers.location!).expect(200)).text));
    expect(confirmation).to.include('SGD 500.00').and.include('You pay SGD 300.00');
    const right = (await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items[0] as { id: string };
    const account = textOf(page((await agent.get(`/citizen/account/${right.id}`).expect(200)).text));
    expect(account).to.include('opening').and.include('Any approved course').and.include('Waiting for the provider');
  });

  it('when a citizen looks at an accruing-account course, then the co-payment is theirs, and a course the account cannot pay says why', async () => {
    const programme = await openAccounts(h);
    const { courses } = await accountProvider(h, programme.code, ['450.00', '80.00']);
    const citizen = await accountCitizen(h);
    const agent = await signedIn(h, citizen);
    const shown = textOf(page((await agent.get(`/citizen/courses/${courses[0]!.id}`).expect(200)).text));
    expect(shown).to.include('The programme pays EUR 350.00').and.include('You pay the provider EUR 100.00');
    expect((await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items).to.deep.equal([]);
    const cheap = page((await agent.get(`/citizen/courses/${courses[1]!.id}`).expect(200)).text);
    expect(textOf(cheap)).to.include('cannot be funded');
    expect(cheap.querySelector(`a[href="/citizen/courses/${courses[1]!.id}/check"]`)).to.equal(null);
    const form = await checkForm(agent, courses[0]!.id);
    await agent.post(`/citizen/courses/${courses[0]!.id}/check`).type('form').send({ _csrf: form.csrf, key: form.key }).expect(303);
    const right = (await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200)).body.items[0] as { id: string };
    const account = textOf(page((await agent.get(`/citizen/account/${right.id}`).expect(200)).text));
    expect(account).to.include('Yearly amount added').and.include('EUR 500.00');
  });

  it('when a citizen who is not eligible looks at a course, or asks for an unknown one, then they are told, or get the 404', async () => {
    const programme = await openCreditLots(h, { lots: [{ lot: 'opening', amount: '500.00' }] });
    const { courses } = await creditProvider(h, programme.code, [{ price: '100.00' }]);
    const agent = await signedIn(h, await creditCitizen(h, { yearsOld: 18 }));
    expect(textOf(page((await agent.get(`/citizen/courses/${courses[0]!.id}`).expect(200)).text))).to.include(
      'You cannot get this programme today',
    );
    await agent.get('/citizen/courses/00000000-0000-4000-8000-000000000000').expect(404);
    await agent.get('/citizen/courses/not-a-course').expect(404);
  });
});

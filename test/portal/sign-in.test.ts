import { expect } from 'chai';
import { createActor, uniqueEmail } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { buildHarness, harness } from '../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf } from '../support/pages.js';

describe('Portal: signing in and out', () => {
  const h = () => harness();

  it('when each role signs in, then it lands on its own home, which names the user and shows the role navigation', async function () {
    // Four users and four password checks, which wait their turn behind the other files' on a busy machine.
    this.timeout(60_000);
    const citizen = await createCitizen(h());
    const centre = await createCentre(h());
    const admin = await createActor(h(), 'admin');
    const auditor = await createActor(h(), 'auditor');
    const users = [
      { email: citizen.email, home: '/citizen', heading: 'Your learning account' },
      { email: centre.staff.principal.email, home: '/centre', heading: 'Your centre' },
      { email: admin.principal.email, home: '/admin', heading: 'Administration' },
      { email: auditor.principal.email, home: '/auditor', heading: 'Audit' },
    ];
    for (const user of users) {
      const agent = agentOf(h());
      const signedIn = await signIn(agent, user.email, admin.password);
      expect([signedIn.status, signedIn.headers.location]).to.deep.equal([303, user.home]);
      const home = page((await agent.get(user.home).expect(200)).text);
      expect(home.querySelectorAll('h1')).to.have.length(1);
      expect(textOf(home.querySelector('h1'))).to.equal(user.heading);
      expect(textOf(home.querySelector('main'))).to.include(user.email);
      expect(home.querySelector('.govuk-service-navigation a[href="' + user.home + '"]')).to.not.equal(null);
      expect(home.querySelector('form[action="/logout"] input[name="_csrf"]')).to.not.equal(null);
      // Signed in, /login sends the user home.
      await agent.get('/login').expect(303).expect('Location', user.home);
    }
  });

  it('when sign-in succeeds, then the session id changes (a cookie planted before sign-in is worth nothing)', async () => {
    const admin = await createActor(h(), 'admin');
    const agent = agentOf(h());
    const form = await agent.get('/login').expect(200);
    const before = /portal-session=([^;]+)/.exec(form.headers['set-cookie']![0]!)![1];
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: admin.principal.email, password: admin.password });
    const after = /portal-session=([^;]+)/.exec(signedIn.headers['set-cookie']![0]!)![1];
    expect(after).to.not.equal(before);
    expect(signedIn.headers['set-cookie']![0])
      .to.match(/HttpOnly/)
      .and.match(/SameSite=Lax/)
      .and.not.match(/Secure/);
    await h().http.get('/admin').set('Cookie', `portal-session=${before}`).expect(303).expect('Location', '/login');
  });

  it('when the password is wrong, then the page says "There is a problem", the title starts with "Error:" and the field is named', async () => {
    const admin = await createActor(h(), 'admin');
    const res = await signIn(agentOf(h()), admin.principal.email, 'not the password');
    expect(res.status).to.equal(401);
    const html = page(res.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: Sign in/);
    expect(textOf(html.querySelector('.govuk-error-summary__title'))).to.equal('There is a problem');
    expect(html.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#email');
    expect(textOf(html.querySelector('#email-error'))).to.include('The e-mail address or password is not right');
    expect(html.querySelector('#email')?.getAttribute('value')).to.equal(admin.principal.email);
  });

  it('when the form is empty, then each field is named in Dutch for a Dutch visitor', async () => {
    const agent = agentOf(h());
    const form = await agent.get('/login').set('Cookie', 'lang=nl').expect(200);
    const res = await agent
      .post('/login')
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'nope' })
      .expect(400);
    const html = page(res.text);
    expect(html.querySelector('html')?.getAttribute('lang')).to.equal('nl');
    expect(textOf(html.querySelector('title'))).to.match(/^Fout: Aanmelden/);
    expect(textOf(html.querySelector('.govuk-error-summary__title'))).to.equal('Er is een probleem');
    expect(html.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#email', '#password']);
    expect(textOf(html.querySelector('#password-error'))).to.include('Vul uw wachtwoord in');
  });

  it('when a disabled user gives the right password, then they are refused like a wrong password', async () => {
    const admin = await createActor(h(), 'admin');
    await h().sequelize.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, { bind: [admin.principal.userId] });
    expect((await signIn(agentOf(h()), admin.principal.email, admin.password)).status).to.equal(401);
  });

  it('when an account has used its tries (through the API or the portal alike), then the portal refuses with 429 and says when to try again', async () => {
    const throttled = buildHarness({ LOGIN_MAX_FAILURES: '2', LOGIN_LOCK_SECONDS: '600' });
    const email = uniqueEmail('throttled');
    // The API's token route and the portal share the account's count.
    await throttled.http.post('/v1/auth/token').send({ email, password: 'wrong-1' }).expect(401);
    expect((await signIn(agentOf(throttled), email, 'wrong-2')).status).to.equal(401);
    const refused = await signIn(agentOf(throttled), email, 'wrong-3');
    expect(refused.status).to.equal(429);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.match(/too many times\. Try again in \d+ minutes/);
  });

  it('when a signed-in user signs out, then the session no longer reaches their home', async () => {
    const admin = await createActor(h(), 'admin');
    const agent = agentOf(h());
    expect((await signIn(agent, admin.principal.email, admin.password)).status).to.equal(303);
    const home = await agent.get('/admin').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303)
      .expect('Location', '/');
    await agent.get('/admin').expect(303).expect('Location', '/login');
  });
});

// Signing in to the portal through an OpenID Connect provider, against a real one (oidc-provider)
// started here: the authorization-code flow with PKCE, state and nonce, over HTTP, each redirect
// followed by hand. A provider account signs in only as the user its (issuer, subject) was linked
// to, as the API judges it; never by e-mail address, and staff only with OIDC_STAFF_SIGN_IN.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { findLinkedUserId, insertLink } from '../../server/auth/identity-store.js';
import { listSignIns } from '../../server/auth/sign-in-history.js';
import { createActor } from '../support/actors.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../support/pages.js';
import {
  authorizeAt,
  CLIENT_ID,
  CLIENT_PRIVATE_KEY,
  CLIENT_SECRET,
  KEY_CLIENT_ID,
  providerAccounts,
  REDIRECT_URL,
  startTestProvider,
  type TestProvider,
} from './oidc-test-provider.js';

const PROVIDER_NAME = 'TestID';

const subjectOf = () => `subject-${randomUUID()}`;
const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  /portal-session=([^;]+)/.exec(String((res.headers['set-cookie'] as string[] | undefined)?.[0] ?? ''))?.[1];

describe('Portal: signing in with an OpenID Connect provider', function () {
  this.timeout(20_000);
  let provider: TestProvider;
  let h: Harness;

  const withProvider = (extra: Record<string, string> = {}) =>
    buildHarness({
      ...(extra.OIDC_CLIENT_PRIVATE_KEY ? {} : { OIDC_CLIENT_SECRET: CLIENT_SECRET }),
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: CLIENT_ID,
      OIDC_JWKS_URL: `${provider.issuer}/jwks`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_REDIRECT_URL: REDIRECT_URL,
      OIDC_PROVIDER_NAME: PROVIDER_NAME,
      OIDC_SCOPES: 'openid email',
      AUTH_USER_CACHE_SECONDS: '0',
      ...extra,
    });

  before(async () => {
    provider = await startTestProvider();
    h = withProvider();
  });
  after(() => provider.close());

  /** From the portal's "Sign in with" to the provider and back: the portal's callback path and query. */
  async function throughProvider(agent: Agent, start: Promise<{ status: number; headers: Record<string, string> }>, subject: string) {
    const res = await start;
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(new RegExp(`^${provider.issuer}/auth\\?`));
    return authorizeAt(provider.issuer, res.headers.location!, subject);
  }

  const linkedCitizen = async (harnessUsed = h): Promise<{ citizen: TestCitizen; subject: string }> => {
    const citizen = await createCitizen(harnessUsed);
    const subject = subjectOf();
    await harnessUsed.sequelize.transaction((transaction) =>
      insertLink(harnessUsed.sequelize, transaction, {
        issuer: provider.issuer,
        subject,
        userId: citizen.actor.principal.userId,
        email: undefined,
      }),
    );
    return { citizen, subject };
  };

  it('when no provider is configured, then the sign-in page offers none and its pages are the portal 404', async () => {
    const login = page((await harness().http.get('/login').expect(200)).text);
    expect(textOf(login.querySelector('main'))).to.not.include('Sign in with');
    await harness().http.get('/login/oidc').expect(404);
    await harness().http.get('/login/oidc/callback?code=x&state=y').expect(404);
  });

  it('when a provider is configured, then the start and sign-in pages offer "Sign in with" it, in English and Dutch', async () => {
    for (const [path, language, text] of [
      ['/', 'en', 'Sign in with TestID'],
      ['/login', 'en', 'Sign in with TestID'],
      ['/login', 'nl', 'Aanmelden met TestID'],
    ] as const) {
      const html = page((await h.http.get(path).set('Cookie', `lang=${language}`).expect(200)).text);
      const button = html.querySelector('a[href="/login/oidc"]');
      expect(textOf(button)).to.equal(text);
    }
  });

  it('when a citizen links their provider account after a password sign-in, then the provider signs them in, with a new session id', async () => {
    const citizen = await createCitizen(h);
    const subject = subjectOf();
    const agent = agentOf(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
    const linkPage = await agent.get('/login/oidc/link').expect(200);
    expect(textOf(page(linkPage.text).querySelector('h1'))).to.equal('Link your TestID account');
    const callback = await throughProvider(
      agent,
      agent
        .post('/login/oidc/link')
        .type('form')
        .send({ _csrf: csrfOf(linkPage.text) }),
      subject,
    );
    const linked = page((await agent.get(callback).expect(200)).text);
    expect(textOf(linked.querySelector('h1'))).to.equal('Your TestID account is linked');
    // The same link the API makes and reads: keyed by the provider's issuer and subject.
    expect(await findLinkedUserId(h.sequelize, provider.issuer, subject)).to.equal(citizen.actor.principal.userId);

    const home = await agent.get('/citizen').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303);
    await agent.get('/citizen').expect(303).expect('Location', '/login');

    const before = sessionCookie(await agent.get('/login').expect(200));
    const back = await throughProvider(agent, agent.get('/login/oidc'), subject);
    const signedIn = await agent.get(back).expect(303).expect('Location', '/citizen');
    expect(sessionCookie(signedIn)).to.be.a('string').and.not.equal(before);
    expect(textOf(page((await agent.get('/citizen').expect(200)).text).querySelector('main'))).to.include(citizen.email);
    // The sign-in history shows how: the password first, then the provider.
    const history = await listSignIns(h.sequelize, citizen.actor.principal.userId, { limit: 10 });
    expect(history.items.map((signIn) => [signIn.method, signIn.channel])).to.deep.equal([
      ['oidc', 'portal'],
      ['password', 'portal'],
    ]);
  });

  it('when the portal proves itself with a private key (private_key_jwt), then a linked citizen signs in the same way', async () => {
    const keyed = withProvider({
      OIDC_CLIENT_ID: KEY_CLIENT_ID,
      OIDC_CLIENT_PRIVATE_KEY: CLIENT_PRIVATE_KEY,
      OIDC_CLIENT_KEY_ID: 'portal-key-1',
    });
    const { citizen, subject } = await linkedCitizen(keyed);
    const agent = agentOf(keyed);
    const back = await throughProvider(agent, agent.get('/login/oidc'), subject);
    await agent.get(back).expect(303).expect('Location', '/citizen');
    expect(textOf(page((await agent.get('/citizen').expect(200)).text).querySelector('main'))).to.include(citizen.email);
  });

  it('when the provider account is not linked, then it is refused with how to link it, even when its e-mail address is a user’s', async () => {
    const citizen = await createCitizen(h);
    const subject = subjectOf();
    providerAccounts.set(subject, { email: citizen.email });
    const agent = agentOf(h);
    const back = await throughProvider(agent, agent.get('/login/oidc').set('Cookie', 'lang=nl'), subject);
    const refused = await agent.get(back).set('Cookie', 'lang=nl').expect(403);
    const html = page(refused.text);
    expect(textOf(html.querySelector('h1'))).to.equal('Uw TestID-account is nog niet gekoppeld');
    expect(html.querySelector('a[href="/login/oidc/link"]')).to.not.equal(null);
    expect(html.querySelector('a[href="/login"]')).to.not.equal(null);
    await agent.get('/citizen').expect(303).expect('Location', '/login');
    expect(await findLinkedUserId(h.sequelize, provider.issuer, subject)).to.equal(undefined);
  });

  it('when the state in the callback is tampered with, then it is refused, and the real answer after it finds nothing to complete', async () => {
    const { subject } = await linkedCitizen();
    const agent = agentOf(h);
    const back = await throughProvider(agent, agent.get('/login/oidc'), subject);
    const tampered = back.replace(/state=[^&]+/, 'state=forged-state');
    expect(tampered).to.not.equal(back);
    const refused = await agent.get(tampered).expect(400);
    expect(textOf(page(refused.text).querySelector('h1'))).to.equal('We could not sign you in');
    const after = await agent.get(back).expect(400);
    expect(textOf(page(after.text).querySelector('h1'))).to.equal('Your sign-in has expired');
    await agent.get('/citizen').expect(303).expect('Location', '/login');
  });

  it('when a callback is replayed, in the same browser or another, then it is refused and signs no one in', async () => {
    const { subject } = await linkedCitizen();
    const agent = agentOf(h);
    const back = await throughProvider(agent, agent.get('/login/oidc'), subject);
    await agent.get(back).expect(303).expect('Location', '/citizen');
    const home = await agent.get('/citizen').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303);
    await agent.get(back).expect(400);
    await agent.get('/citizen').expect(303);
    const stranger = agentOf(h);
    await stranger.get(back).expect(400);
    await stranger.get('/citizen').expect(303).expect('Location', '/login');
  });

  it('when the sign-in was started more than ten minutes before the callback, then it has expired', async () => {
    const { subject } = await linkedCitizen();
    const agent = agentOf(h);
    const back = await throughProvider(agent, agent.get('/login/oidc'), subject);
    h.clock.set(new Date(Date.now() + 11 * 60_000));
    await agent.get(back).expect(400);
  });

  it('when the citizen cancels at the provider, then the page says so and offers to try again', async () => {
    const agent = agentOf(h);
    const start = await agent.get('/login/oidc').expect(303);
    const state = new URL(start.headers.location!).searchParams.get('state')!;
    const res = await agent
      .get(`/login/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`)
      .expect(400);
    const html = page(res.text);
    expect(textOf(html.querySelector('h1'))).to.equal('You did not finish signing in');
    expect(html.querySelector('a[href="/login/oidc"]')).to.not.equal(null);
  });

  it('when staff sign in through the provider, then they are refused unless OIDC_STAFF_SIGN_IN is true', async () => {
    const admin = await createActor(h, 'admin');
    const subject = subjectOf();
    await h.sequelize.transaction((transaction) =>
      insertLink(h.sequelize, transaction, { issuer: provider.issuer, subject, userId: admin.principal.userId, email: undefined }),
    );
    const agent = agentOf(h);
    const refused = await agent.get(await throughProvider(agent, agent.get('/login/oidc'), subject)).expect(403);
    expect(textOf(page(refused.text).querySelector('h1'))).to.equal('Staff sign in with their password');
    await agent.get('/admin').expect(303).expect('Location', '/login');

    const staffAllowed = withProvider({ OIDC_STAFF_SIGN_IN: 'true' });
    const staffAgent = agentOf(staffAllowed);
    await staffAgent
      .get(await throughProvider(staffAgent, staffAgent.get('/login/oidc'), subject))
      .expect(303)
      .expect('Location', '/admin');
  });

  it('when the linked user was disabled, then the provider does not sign them in', async () => {
    const { citizen, subject } = await linkedCitizen();
    await h.ownerSequelize.query('UPDATE users SET disabled_at = now() WHERE id = $1', { bind: [citizen.actor.principal.userId] });
    const agent = agentOf(h);
    const refused = await agent.get(await throughProvider(agent, agent.get('/login/oidc'), subject)).expect(403);
    expect(textOf(page(refused.text).querySelector('h1'))).to.equal('This account cannot sign in');
  });

  it('when linking is refused (an unchecked e-mail address, or an account linked to someone else), then the page says why and nothing changes', async () => {
    const agent = agentOf(h);
    const other = await linkedCitizen();
    const citizen = await createCitizen(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
    const unchecked = subjectOf();
    providerAccounts.set(unchecked, { emailVerified: false });
    for (const [subject, status, heading] of [
      [unchecked, 422, 'TestID has not checked your e-mail address'],
      [other.subject, 409, 'This TestID account belongs to someone else here'],
    ] as const) {
      const form = await agent.get('/login/oidc/link').expect(200);
      const back = await throughProvider(
        agent,
        agent
          .post('/login/oidc/link')
          .type('form')
          .send({ _csrf: csrfOf(form.text) }),
        subject,
      );
      const refused = await agent.get(back).expect(status);
      expect(textOf(page(refused.text).querySelector('h1'))).to.equal(heading);
    }
    expect(await findLinkedUserId(h.sequelize, provider.issuer, unchecked)).to.equal(undefined);
    expect(await findLinkedUserId(h.sequelize, provider.issuer, other.subject)).to.equal(other.citizen.actor.principal.userId);
  });

  it('when a link is posted without its CSRF token, or its callback comes back to another user, then it is refused', async () => {
    const citizen = await createCitizen(h);
    const agent = agentOf(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
    await agent.post('/login/oidc/link').type('form').send({}).expect(403);
    const form = await agent.get('/login/oidc/link').expect(200);
    const back = await throughProvider(
      agent,
      agent
        .post('/login/oidc/link')
        .type('form')
        .send({ _csrf: csrfOf(form.text) }),
      subjectOf(),
    );
    const home = await agent.get('/citizen').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303);
    // Signed out, the pending link is gone with the session; the callback completes nothing.
    await agent.get(back).expect(400);
  });

  it('when the provider cannot be reached, then starting a sign-in answers 503 with the portal page, not a stack trace', async () => {
    const unreachable = buildHarness({
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_AUDIENCE: CLIENT_ID,
      OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks',
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: REDIRECT_URL,
    });
    const res = await unreachable.http.get('/login/oidc').expect(503);
    expect(res.type).to.equal('text/html');
    expect(res.text).to.not.match(/ECONNREFUSED|at \w+ \(/);
  });
});

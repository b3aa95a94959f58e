import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf } from '../support/pages.js';

describe('Portal: CSRF, roles, headers and the API beside it', () => {
  const h = () => harness();

  it('when a form is posted without its CSRF token or with another, then the portal refuses it with its 403 page, not JSON', async () => {
    const admin = await createActor(h(), 'admin');
    const agent = agentOf(h());
    await agent.get('/login').expect(200);
    const missing = await agent.post('/login').type('form').send({ email: admin.principal.email, password: admin.password });
    expect(missing.status).to.equal(403);
    expect(missing.headers['content-type']).to.match(/^text\/html/);
    expect(textOf(page(missing.text).querySelector('h1'))).to.equal('Your form could not be sent');
    const other = await agentOf(h()).get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(other.text), email: admin.principal.email, password: admin.password })
      .expect(403);
    // Signed in, sign-out without the token is refused and the session stays.
    expect((await signIn(agent, admin.principal.email, admin.password)).status).to.equal(303);
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/admin').expect(200);
  });

  it("when a user opens another role's home, then they get the portal's 404 page; a visitor who is not signed in is sent to sign in", async () => {
    const auditor = await createActor(h(), 'auditor');
    const agent = agentOf(h());
    expect((await signIn(agent, auditor.principal.email, auditor.password)).status).to.equal(303);
    for (const home of ['/citizen', '/centre', '/admin']) {
      const res = await agent
        .get(home)
        .expect(404)
        .expect('Content-Type', /text\/html/);
      expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
    }
    await h().http.get('/citizen').expect(303).expect('Location', '/login');
  });

  it("when a path is neither a page nor the API, then the portal answers its 404 page in the visitor's language", async () => {
    const res = await h()
      .http.get('/no-such-page')
      .set('Accept-Language', 'nl')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('h1'))).to.equal('Pagina niet gevonden');
    expect(textOf(html.querySelector('title'))).to.equal('Pagina niet gevonden – Leerrekeningen');
  });

  it('when an unknown API path is asked, then the API still answers problem+json, never a portal page', async () => {
    for (const path of ['/v1/no-such-thing', '/v1', '/v1/']) {
      const res = await h()
        .http.get(path)
        .expect(404)
        .expect('Content-Type', /application\/problem\+json/);
      expect(res.body.code).to.equal('route_not_found');
    }
    await h()
      .http.post('/health')
      .expect(404)
      .expect('Content-Type', /application\/problem\+json/);
    await h().http.get('/health').expect(200).expect('Content-Type', /json/);
    await h().http.get('/openapi.json').expect(200).expect('Content-Type', /json/);
  });

  it('when a page is served, then it carries a CSP whose nonce is the one on its scripts, and headers against framing and caching', async () => {
    const first = await h().http.get('/').expect(200);
    const csp = first.headers['content-security-policy'] as string;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).to.be.a('string');
    expect(csp).to.include("default-src 'self'").and.include("script-src-attr 'none'").and.include("frame-ancestors 'none'");
    expect(csp).to.not.include('unsafe-inline');
    const scripts = page(first.text).querySelectorAll('script');
    expect(scripts.length).to.be.at.least(2);
    for (const script of scripts) expect(script.getAttribute('nonce')).to.equal(nonce);
    expect(first.text).to.not.match(/\son[a-z]+="/);
    expect(first.headers['x-content-type-options']).to.equal('nosniff');
    expect(first.headers['cache-control']).to.equal('no-store');
    expect(first.headers['referrer-policy']).to.equal('same-origin');
    const second = await h().http.get('/').expect(200);
    expect(second.headers['content-security-policy']).to.not.equal(csp);
  });

  it('when the pages ask for their styles, scripts, fonts and icon, then they are served from this site', async () => {
    await h().http.get('/assets/govuk-frontend.min.css').expect(200).expect('Content-Type', /css/);
    await h()
      .http.get('/assets/govuk-frontend.min.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await h().http.get('/assets/portal/portal.css').expect(200).expect('Content-Type', /css/);
    await h()
      .http.get('/assets/portal/init.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await h().http.get('/assets/portal/favicon.svg').expect(200).expect('Content-Type', /svg/);
    await h().http.get('/assets/images/favicon.ico').expect(200);
  });

  it('when the start page is read by a visitor without a session, then it opens none (only forms need one)', async () => {
    const res = await h().http.get('/').expect(200);
    expect(res.headers['set-cookie']).to.equal(undefined);
  });
});

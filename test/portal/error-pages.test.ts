import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { createPortal } from '../../server/portal/portal-app.js';
import { buildHarness, harness } from '../support/harness.js';
import { page, textOf } from '../support/pages.js';

describe('Portal: error pages', () => {
  it('when a page fails, then the visitor gets the 500 page, which tells nothing of the cause', async () => {
    const { context } = harness();
    const portal = createPortal(context);
    const app = express();
    app.get('/broken', () => {
      throw new Error('secret detail: connection string postgres://user:pass@db');
    });
    app.use(portal.errors);
    const res = await supertest(app)
      .get('/broken')
      .set('Accept-Language', 'nl')
      .expect(500)
      .expect('Content-Type', /text\/html/);
    expect(textOf(page(res.text).querySelector('h1'))).to.equal('Sorry, er is een probleem met de dienst');
    expect(res.text).to.not.include('secret detail').and.not.include('postgres://');
  });

  it('when a portal path gets a body the service cannot read, then the answer is a portal page, not problem+json', async () => {
    const malformed = await harness().http.post('/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(malformed.headers['content-type']).to.match(/^text\/html/);
    expect(textOf(page(malformed.text).querySelector('h1'))).to.equal('The request could not be handled');
    // The API keeps its own answer for the same mistake.
    await harness()
      .http.post('/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400)
      .expect('Content-Type', /problem\+json/);
  });

  it('when the service runs in production behind its TLS proxy, then the session cookie is Secure and bound to the host', async () => {
    const production = buildHarness({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      AUDIT_FINGERPRINT_KEY: 'production-audit-fingerprint-key-0123456789',
    });
    const res = await production.http.get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie)
      .to.match(/^__Host-portal-session=/)
      .and.match(/; Secure/)
      .and.match(/HttpOnly/)
      .and.match(/SameSite=Lax/);
    expect(res.headers['strict-transport-security']).to.match(/max-age=/);
    expect(res.headers['content-security-policy']).to.include('upgrade-insecure-requests');
  });
});

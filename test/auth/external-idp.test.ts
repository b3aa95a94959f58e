import { expect } from 'chai';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { buildHarness } from '../support/harness.js';
import { createActor } from '../support/actors.js';

const ISSUER = 'https://idp.test.example/';
const AUDIENCE = 'learning-accounts-idp-audience';

function keyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function idpToken(privateKey: KeyObject, email: string, options: jwt.SignOptions = {}, claims: Record<string, unknown> = { email_verified: true }) {
  return jwt.sign({ email, ...claims }, privateKey, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE, subject: 'idp-user', expiresIn: 300, ...options });
}

describe('tokens of an external identity provider', () => {
  it('when the provider key is configured as PEM, then its tokens act as the local account with that e-mail', async () => {
    const { publicKey, privateKey } = keyPair();
    const h = buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const auditor = await createActor(h, 'auditor');
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, auditor.principal.email)}`).expect(200);
    // The role comes from our records: a citizen-less, unknown e-mail gets nothing.
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, 'stranger@test.example')}`).expect(401);
    // Another audience, or a key the provider does not hold, is refused.
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, auditor.principal.email, { audience: 'other' })}`).expect(401);
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(keyPair().privateKey, auditor.principal.email)}`).expect(401);
  });

  it('when the provider has not verified the e-mail (false, absent or not a boolean), then the token is refused', async () => {
    const { publicKey, privateKey } = keyPair();
    const h = buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const admin = await createActor(h, 'admin');
    for (const claims of [{ email_verified: false }, {}, { email_verified: 'true' }]) {
      await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, admin.principal.email, {}, claims)}`).expect(401);
    }
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, admin.principal.email)}`).expect(200);
  });

  it('when a token claims the provider but is HMAC-signed with its public key, then it is refused', async () => {
    const { publicKey } = keyPair();
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const h = buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_PUBLIC_KEY: pem });
    const admin = await createActor(h, 'admin');
    const confused = jwt.sign({ email: admin.principal.email }, Buffer.from(pem), { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE });
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${confused}`).expect(401);
  });

  describe('with a JWKS URL', () => {
    const { publicKey, privateKey } = keyPair();
    let server: Server;
    let url: string;

    before(async () => {
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/jwks.json`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('when a token is signed with a key the JWKS lists, then it is accepted; with an unknown kid it is refused', async () => {
      const h = buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: url });
      const admin = await createActor(h, 'admin');
      await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, admin.principal.email, { keyid: 'key-1' })}`).expect(200);
      await h.http.get('/v1/audit').set('Authorization', `Bearer ${idpToken(privateKey, admin.principal.email, { keyid: 'key-2' })}`).expect(401);
      expect(h.config.oidc?.jwksUrl).to.equal(url);
    });
  });
});

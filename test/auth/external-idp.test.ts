// An identity provider's tokens sign in only as the user their (issuer, subject) was linked to,
// by that user, with both tokens in hand; a matching e-mail address links nothing.
import { expect } from 'chai';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { queryRows } from '../../server/db/database.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { buildHarness, type Harness } from '../support/harness.js';

const ISSUER = 'https://idp.test.example/';
const AUDIENCE = 'learning-accounts-idp-audience';

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemOf = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

type ProviderUser = { subject: string; email: string };
const providerUser = (email = `idp-${randomUUID().slice(0, 8)}@idp.example`): ProviderUser => ({ subject: `idp|${randomUUID()}`, email });

function idpToken(
  privateKey: KeyObject,
  user: ProviderUser,
  options: jwt.SignOptions = {},
  claims: Record<string, unknown> = { email_verified: true },
) {
  return jwt.sign({ email: user.email, ...claims }, privateKey, {
    algorithm: 'RS256',
    issuer: ISSUER,
    audience: AUDIENCE,
    subject: user.subject,
    expiresIn: 300,
    ...options,
  });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const link = (h: Harness, actor: Actor, idToken: string) => h.http.post('/v1/me/identities').set(actor.auth).send({ idToken });

describe('tokens of an external identity provider', () => {
  const { publicKey, privateKey } = keyPair();
  const withProvider = (extra: Record<string, string> = {}) =>
    buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_PUBLIC_KEY: pemOf(publicKey), ...extra });

  it('when a provider token carries the e-mail of an administrator (in any case), then it is refused as not linked', async () => {
    const h = withProvider({ OIDC_STAFF_SIGN_IN: 'true' });
    const admin = await createActor(h, 'admin');
    for (const email of [admin.principal.email, admin.principal.email.toUpperCase(), 'admin@demo.test', 'ADMIN@DEMO.TEST']) {
      const res = await h.http
        .get('/v1/audit')
        .set(bearer(idpToken(privateKey, providerUser(email))))
        .expect(401);
      expect(res.body.code).to.equal('identity_not_linked');
    }
  });

  it('when a citizen links their provider account with both tokens, then that provider account signs in as them, and only as them', async () => {
    const h = withProvider();
    const citizen = await createCitizen(h);
    const user = providerUser();
    const res = await link(h, citizen.actor, idpToken(privateKey, user)).expect(201);
    expect(res.body).to.include({ issuer: ISSUER, subject: user.subject, userId: citizen.actor.principal.userId, email: user.email });
    const me = await h.http
      .get('/v1/me')
      .set(bearer(idpToken(privateKey, user)))
      .expect(200);
    expect(me.body.id).to.equal(citizen.id);
    // Linking again changes nothing; another user cannot take the same provider account.
    await link(h, citizen.actor, idpToken(privateKey, user)).expect(200);
    const other = await createCitizen(h);
    const taken = await link(h, other.actor, idpToken(privateKey, user)).expect(409);
    expect(taken.body.code).to.equal('identity_linked_elsewhere');
    const [audit] = await queryRows<{ action: string; after: { subject: string } }>(
      h.sequelize,
      `SELECT action, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action = 'user.identity.link'`,
      [citizen.actor.principal.userId],
    );
    expect(audit?.after.subject).to.equal(user.subject);
  });

  it('when the provider token to link is not verified, not for us, not signed by the provider or never expires, then it answers 422 naming /idToken', async () => {
    const h = withProvider();
    const citizen = await createCitizen(h);
    const user = providerUser();
    const cases: [string, string][] = [
      ['email_not_verified', idpToken(privateKey, user, {}, { email_verified: false })],
      ['email_not_verified', idpToken(privateKey, user, {}, { email_verified: 'true' })],
      ['email_not_verified', idpToken(privateKey, user, {}, {})],
      ['invalid_provider_token', idpToken(privateKey, user, { audience: 'someone-else' })],
      ['invalid_provider_token', idpToken(keyPair().privateKey, user)],
      [
        'invalid_provider_token',
        jwt.sign({ email: user.email, email_verified: true }, privateKey, {
          algorithm: 'RS256',
          issuer: ISSUER,
          audience: AUDIENCE,
          subject: user.subject,
        }),
      ],
      ['invalid_provider_token', 'not-a-jwt'],
    ];
    for (const [code, idToken] of cases) {
      const res = await link(h, citizen.actor, idToken).expect(422);
      expect([res.body.code, res.body.errors[0].path]).to.deep.equal([code, '/idToken']);
    }
    await h.http
      .get('/v1/me')
      .set(bearer(idpToken(privateKey, user)))
      .expect(401);
  });

  it('when staff sign-in through the provider is off (the default), then staff can neither link nor sign in with it', async () => {
    const allowed = withProvider({ OIDC_STAFF_SIGN_IN: 'true' });
    const auditor = await createActor(allowed, 'auditor');
    const user = providerUser();
    await link(allowed, auditor, idpToken(privateKey, user)).expect(201);
    await allowed.http
      .get('/v1/audit')
      .set(bearer(idpToken(privateKey, user)))
      .expect(200);

    const h = withProvider();
    const refused = await h.http
      .get('/v1/audit')
      .set(bearer(idpToken(privateKey, user)))
      .expect(401);
    expect(refused.body.code).to.equal('provider_sign_in_not_allowed');
    const admin = await createActor(h, 'admin');
    const linking = await link(h, admin, idpToken(privateKey, providerUser())).expect(403);
    expect(linking.body.code).to.equal('provider_sign_in_not_allowed');
  });

  it('when a linked user is disabled, or the provider token never expires, then the provider token is refused', async () => {
    const h = withProvider();
    const citizen = await createCitizen(h);
    const user = providerUser();
    await link(h, citizen.actor, idpToken(privateKey, user)).expect(201);
    const endless = jwt.sign({ email: user.email }, privateKey, {
      algorithm: 'RS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: user.subject,
    });
    await h.http.get('/v1/me').set(bearer(endless)).expect(401);
    await queryRows(h.sequelize, `UPDATE users SET disabled_at = now() WHERE id = $1`, [citizen.actor.principal.userId]);
    const other = withProvider({ AUTH_USER_CACHE_SECONDS: '0' });
    await other.http
      .get('/v1/me')
      .set(bearer(idpToken(privateKey, user)))
      .expect(401);
  });

  it('when a token claims the provider but is HMAC-signed with its public key, then it is refused', async () => {
    const h = withProvider();
    const citizen = await createCitizen(h);
    const user = providerUser();
    await link(h, citizen.actor, idpToken(privateKey, user)).expect(201);
    const confused = jwt.sign({ email: user.email }, Buffer.from(pemOf(publicKey)), {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: user.subject,
      expiresIn: 300,
    });
    await h.http.get('/v1/me').set(bearer(confused)).expect(401);
    await link(h, citizen.actor, confused).expect(422);
  });

  it('when no identity provider is configured, then linking answers 422', async () => {
    const h = buildHarness();
    const citizen = await createCitizen(h);
    const res = await link(h, citizen.actor, idpToken(privateKey, providerUser())).expect(422);
    expect(res.body.code).to.equal('identity_provider_not_configured');
  });

  describe('with a JWKS URL', () => {
    const jwks = keyPair();
    let server: Server;
    let url: string;

    before(async () => {
      const jwk = { ...jwks.publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/jwks.json`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('when a linked token is signed with a key the JWKS lists, then it is accepted; with an unknown kid it is refused', async () => {
      const h = buildHarness({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: url });
      const citizen = await createCitizen(h);
      const user = providerUser();
      await link(h, citizen.actor, idpToken(jwks.privateKey, user, { keyid: 'key-1' })).expect(201);
      await h.http
        .get('/v1/me')
        .set(bearer(idpToken(jwks.privateKey, user, { keyid: 'key-1' })))
        .expect(200);
      await h.http
        .get('/v1/me')
        .set(bearer(idpToken(jwks.privateKey, user, { keyid: 'key-2' })))
        .expect(401);
    });
  });
});

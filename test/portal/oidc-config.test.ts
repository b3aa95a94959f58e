// The portal's sign-in through an identity provider is configured by OIDC_* keys, each checked at
// start: a missing or contradictory one stops the service with a message naming it.
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config.js';

const PROVIDER = { OIDC_ISSUER: 'https://idp.test.example', OIDC_AUDIENCE: 'portal', OIDC_JWKS_URL: 'https://idp.test.example/jwks' };
const CLIENT = {
  ...PROVIDER,
  OIDC_CLIENT_ID: 'portal',
  OIDC_CLIENT_SECRET: 'a-client-secret-of-some-length',
  OIDC_REDIRECT_URL: 'https://portal.test.example/login/oidc/callback',
};
const PRODUCTION = { NODE_ENV: 'production', HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(32), AUDIT_FINGERPRINT_KEY: 'y'.repeat(40) };
const pem = (pair: { privateKey: { export: (options: { type: 'pkcs8'; format: 'pem' }) => string | Buffer } }) =>
  pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('configuration of the portal sign-in through an identity provider', () => {
  it('when only the API trusts the provider, then the portal offers no sign-in through it', () => {
    expect(loadConfig(PROVIDER).oidc?.portal).to.equal(undefined);
  });

  it('when a client is registered, then the portal signs in through it, named by OIDC_PROVIDER_NAME or the issuer host', () => {
    expect(loadConfig(CLIENT).oidc?.portal).to.deep.include({ clientId: 'portal', providerName: 'idp.test.example', scopes: 'openid' });
    expect(loadConfig({ ...CLIENT, OIDC_PROVIDER_NAME: 'itsme', OIDC_SCOPES: 'openid email' }).oidc?.portal).to.deep.include({
      providerName: 'itsme',
      scopes: 'openid email',
    });
  });

  it('when a key is missing or contradicts another, then start-up fails naming it', () => {
    expect(refusal({ ...CLIENT, OIDC_REDIRECT_URL: '' })).to.match(/OIDC_REDIRECT_URL/);
    const { OIDC_REDIRECT_URL: _redirect, ...withoutRedirect } = CLIENT;
    expect(refusal(withoutRedirect)).to.match(/OIDC_REDIRECT_URL: required when OIDC_CLIENT_ID is set/);
    expect(refusal({ ...CLIENT, OIDC_REDIRECT_URL: 'https://portal.test.example/elsewhere' })).to.match(
      /OIDC_REDIRECT_URL: must end in \/login\/oidc\/callback/,
    );
    expect(refusal({ OIDC_CLIENT_ID: 'portal', OIDC_CLIENT_SECRET: 'a-client-secret-of-some-length' })).to.match(/OIDC_ISSUER/);
    expect(refusal({ ...CLIENT, OIDC_ISSUER: 'not a url' })).to.match(/OIDC_ISSUER: must be the provider's URL/);
    const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = CLIENT;
    expect(refusal(withoutSecret)).to.match(/OIDC_CLIENT_SECRET: give exactly one/);
    const ecKey = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    expect(refusal({ ...CLIENT, OIDC_CLIENT_PRIVATE_KEY: ecKey })).to.match(/OIDC_CLIENT_SECRET: give exactly one/);
    expect(refusal({ ...CLIENT, OIDC_SCOPES: 'email profile' })).to.match(/OIDC_SCOPES: must include openid/);
    expect(refusal({ ...CLIENT, OIDC_SCOPES: 'openid  email' })).to.match(/OIDC_SCOPES: must be scopes/);
  });

  it('when the client proves itself with a key, then it is an RSA or EC P-256 private key', () => {
    const base = { ...withoutSecretOf(CLIENT) };
    const ok = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    expect(loadConfig({ ...base, OIDC_CLIENT_PRIVATE_KEY: ok.replace(/\n/g, '\\n') }).oidc?.portal?.clientPrivateKey).to.equal(ok);
    const p384 = pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }));
    expect(refusal({ ...base, OIDC_CLIENT_PRIVATE_KEY: p384 })).to.match(/OIDC_CLIENT_PRIVATE_KEY: must be an RSA key/);
    expect(refusal({ ...base, OIDC_CLIENT_PRIVATE_KEY: 'not a key' })).to.match(/OIDC_CLIENT_PRIVATE_KEY: is not a PEM private key/);
  });

  it('when in production, then the provider and the way back must be https', () => {
    expect(loadConfig({ ...PRODUCTION, ...CLIENT }).oidc?.portal?.redirectUrl).to.equal(CLIENT.OIDC_REDIRECT_URL);
    const plain = refusal({
      ...PRODUCTION,
      ...CLIENT,
      OIDC_ISSUER: 'http://idp.test.example',
      OIDC_REDIRECT_URL: 'http://portal.test.example/login/oidc/callback',
    });
    expect(plain)
      .to.match(/OIDC_ISSUER: production needs https/)
      .and.match(/OIDC_REDIRECT_URL: production needs https/);
  });
});

function withoutSecretOf(env: typeof CLIENT) {
  const { OIDC_CLIENT_SECRET: _secret, ...rest } = env;
  return rest;
}

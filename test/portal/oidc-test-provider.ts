// A real OpenID Connect provider (the npm package oidc-provider) on a free port, for the portal's
// sign-in tests: one confidential client for the portal, any login name is an account (its
// subject), and the provider's own development login and consent pages, which `authorizeAt`
// drives over HTTP as a browser would, following each redirect by hand.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node-html-parser';
import Provider from 'oidc-provider';
import supertest from 'supertest';

export const CLIENT_ID = 'learning-accounts-portal';
export const CLIENT_SECRET = 'portal-test-client-secret-0123456789';
export const REDIRECT_URL = 'http://localhost:3000/login/oidc/callback';
/** A second registration of the portal that proves itself with a private key (private_key_jwt), as itsme and Singpass ask. */
export const KEY_CLIENT_ID = 'learning-accounts-portal-key';
const clientKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const CLIENT_PRIVATE_KEY = clientKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export type TestProvider = { issuer: string; close: () => Promise<void> };

/** What the provider says of its accounts, by subject: another e-mail address than `<subject>@idp.test.example`, or unchecked. */
export const providerAccounts = new Map<string, { email?: string; emailVerified?: boolean }>();

export async function startTestProvider(): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URL],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: KEY_CLIENT_ID,
        redirect_uris: [REDIRECT_URL],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [{ ...clientKeys.publicKey.export({ format: 'jwk' }), kid: 'portal-key-1', use: 'sig', alg: 'ES256' }] },
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The e-mail claims in the ID token itself, which linking (the API's POST /v1/me/identities) reads.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, subject) => ({
      accountId: subject,
      claims: () => ({
        sub: subject,
        email: providerAccounts.get(subject)?.email ?? `${subject}@idp.test.example`,
        email_verified: providerAccounts.get(subject)?.emailVerified ?? true,
      }),
    }),
  });
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Signs in at the provider as `subject` from the portal's redirect (`authorizationUrl`), through
 * its login and consent pages, and answers where the provider sends the browser back: the portal's
 * callback path and query.
 */
export async function authorizeAt(issuer: string, authorizationUrl: string, subject: string): Promise<string> {
  const browser = supertest.agent(issuer);
  let response = await browser.get(pathOf(authorizationUrl));
  for (let step = 0; step < 10; step += 1) {
    if (response.status === 303 || response.status === 302) {
      const location = new URL(String(response.headers.location), issuer);
      if (location.href.startsWith(REDIRECT_URL)) return `${location.pathname}${location.search}`;
      response = await browser.get(pathOf(location.href));
      continue;
    }
    const form = parse(response.text).querySelector('form');
    if (response.status !== 200 || !form) throw new Error(`the provider answered ${response.status}: ${response.text.slice(0, 300)}`);
    const prompt = form.querySelector('input[name="prompt"]')?.getAttribute('value');
    const fields = prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt };
    response = await browser
      .post(pathOf(form.getAttribute('action') ?? ''))
      .type('form')
      .send(fields);
  }
  throw new Error('the provider never sent the browser back to the portal');
}

const pathOf = (url: string) => {
  const parsed = new URL(url, 'http://provider.invalid');
  return `${parsed.pathname}${parsed.search}`;
};

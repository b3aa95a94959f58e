// The portal as a client of the configured OpenID Connect provider (openid-client): its metadata
// is discovered from OIDC_ISSUER once per process and kept; a discovery that failed is tried again
// on the next sign-in. The client proves itself with its secret (client_secret_basic) or with a
// private key (private_key_jwt, which itsme and Singpass require).
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';

type Provider = NonNullable<Config['oidc']>;
export type PortalClient = NonNullable<Provider['portal']>;

const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Keyed by the frozen configuration object, so every app of the process (and every test harness) has its own. */
const configurations = new WeakMap<PortalClient, Promise<client.Configuration>>();

export const unavailable = () =>
  new AppError(503, 'identity_provider_unavailable', 'The identity provider could not be reached; try again later.');

async function clientAuthentication(portal: PortalClient): Promise<client.ClientAuth> {
  if (portal.clientSecret) return client.ClientSecretBasic(portal.clientSecret);
  const key = createPrivateKey(portal.clientPrivateKey ?? '');
  const algorithm =
    key.asymmetricKeyType === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const cryptoKey = await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  return client.PrivateKeyJwt({ key: cryptoKey, kid: portal.clientKeyId });
}

async function discover(issuer: string, portal: PortalClient): Promise<client.Configuration> {
  const url = new URL(issuer);
  try {
    return await client.discovery(url, portal.clientId, { redirect_uris: [portal.redirectUrl] }, await clientAuthentication(portal), {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      // Plain http only where the configuration allows it (never in production: config.ts).
      execute: url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw Object.assign(unavailable(), { cause: error });
  }
}

export function providerConfiguration(provider: Provider, portal: PortalClient): Promise<client.Configuration> {
  let found = configurations.get(portal);
  if (!found) {
    found = discover(provider.issuer, portal);
    configurations.set(portal, found);
    found.catch(() => configurations.delete(portal));
  }
  return found;
}

/** The parts of a sign-in the browser must bring back: kept in the session, used once. */
export type PendingSignIn = { state: string; nonce: string; codeVerifier: string; startedAt: number; linkFor?: string };

export async function authorizationUrl(configuration: client.Configuration, portal: PortalClient, language: string) {
  const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: portal.redirectUrl,
    scope: portal.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ui_locales: language,
  });
  return { url, pending };
}

/**
 * Why the provider's answer was refused: the provider said no (the user cancelled, or it refused
 * the request), or the answer failed a check (state, PKCE, nonce, a code already used). Undefined
 * for anything else, such as the provider being unreachable.
 */
export function refusalOf(error: unknown): 'cancelled' | 'failed' | undefined {
  if (error instanceof client.AuthorizationResponseError) return 'cancelled';
  return error instanceof client.ResponseBodyError || error instanceof client.ClientError ? 'failed' : undefined;
}

/** Exchanges the code (checking state, PKCE and nonce); the ID token's claims and the token itself. */
export async function completeSignIn(configuration: client.Configuration, portal: PortalClient, query: string, pending: PendingSignIn) {
  const current = new URL(portal.redirectUrl);
  current.search = query;
  const tokens = await client.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new client.ClientError('the provider sent no ID token');
  return { subject: claims.sub, idToken: tokens.id_token };
}

// Tokens of the configured identity provider (OpenID Connect), checked with its PEM key or the
// keys its JWKS URL lists. They sign a user in only through a link made beforehand
// (identity-store.ts); the same check serves the linking step.
import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

type Provider = NonNullable<Config['oidc']>;

export type ProviderIdentity = { issuer: string; subject: string; email: string | undefined; emailVerified: boolean };

// Asymmetric only: an HS256 token "signed" with the provider's public key is an attack.
const ALGORITHMS: jwt.Algorithm[] = ['RS256', 'ES256', 'PS256'];

/** One key source per provider setting, shared by every app of the process, so the JWKS is fetched once. */
const keySources = new Map<string, (kid: string | undefined) => Promise<KeyObject>>();

function keySourceOf(provider: Provider) {
  const id = provider.publicKey ?? provider.jwksUrl ?? '';
  let source = keySources.get(id);
  if (!source) {
    if (provider.publicKey) {
      const key = createPublicKey(provider.publicKey);
      source = () => Promise.resolve(key);
    } else {
      const client = jwksClient({ jwksUri: id, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 });
      source = async (kid) => createPublicKey((await client.getSigningKey(kid)).getPublicKey());
    }
    keySources.set(id, source);
  }
  return source;
}

/** Whether the token names the configured provider as its issuer (not yet whether it is valid). */
export function isProviderToken(provider: Provider | undefined, token: string): boolean {
  return provider !== undefined && jwt.decode(token, { json: true })?.iss === provider.issuer;
}

/** The provider's user, or undefined when the token is not a valid, unexpired token of it for us. */
export async function verifyProviderToken(provider: Provider, token: string): Promise<ProviderIdentity | undefined> {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || !ALGORITHMS.includes(decoded.header.alg as jwt.Algorithm)) return undefined;
  const key = await keyFor(provider, decoded.header.kid);
  if (!key) return undefined;
  try {
    const claims = jwt.verify(token, key, {
      algorithms: ALGORITHMS,
      issuer: provider.issuer,
      audience: provider.audience,
    }) as jwt.JwtPayload;
    // A token that never expires would outlive any change at the provider.
    if (typeof claims.sub !== 'string' || claims.sub === '' || typeof claims.exp !== 'number') return undefined;
    const email = typeof claims.email === 'string' ? claims.email : undefined;
    return { issuer: provider.issuer, subject: claims.sub, email, emailVerified: claims.email_verified === true };
  } catch {
    return undefined;
  }
}

async function keyFor(provider: Provider, kid: string | undefined): Promise<KeyObject | undefined> {
  try {
    return await keySourceOf(provider)(kid);
  } catch (error) {
    // A key the provider does not list makes the token invalid (and so does one asked for too often,
    // which is what tokens with made-up key ids do); an unreachable provider is not the client's fault.
    if (error instanceof jwksClient.SigningKeyNotFoundError || error instanceof jwksClient.JwksRateLimitError) return undefined;
    throw new AppError(503, 'identity_provider_unavailable', "The identity provider's keys could not be fetched; try again later.");
  }
}

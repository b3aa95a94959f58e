// Bearer tokens through passport-jwt. Two issuers are trusted: this service (claims carry the
// role) and, when configured, an external identity provider (JWKS or PEM), whose users are
// matched to local accounts by their verified e-mail so that the role always comes from our own
// records. Our own tokens, once verified, are remembered until they expire (verified-tokens.ts);
// an external token is checked against our records on every request.
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { passportJwtSecret } from 'jwks-rsa';
import { Passport } from 'passport';
import type { Request, Response } from 'express';
import { ExtractJwt, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import { ROLES, type Principal, type Role } from './principal.js';
import { signingAlgorithm } from './tokens.js';
import { findUserByEmail, principalOf } from './user-store.js';
import { verifiedTokens } from './verified-tokens.js';

type Claims = jwt.JwtPayload & { role?: string; email?: string; email_verified?: unknown; centreId?: string | null; citizenId?: string | null };

export type Authenticator = (req: Request, res: Response) => Promise<Principal | false>;

/** What the strategy hands on: the principal, and until when our own token may be remembered. */
type Verified = { principal: Principal; rememberUntil: number | undefined };

const VERIFIED_TOKENS_KEPT = 10_000;

/** One passport instance per app, so apps built with other settings (tests) never share it. */
export function createAuthenticator(config: Config, sequelize: Sequelize): Authenticator {
  // Parsed once: given a string, jsonwebtoken re-parses the key on every request (and for a
  // secret first fails to read it as a public key), a cost paid by every authenticated call.
  const localKey = config.jwt.publicKey ? createPublicKey(config.jwt.publicKey) : createSecretKey(Buffer.from(config.jwt.secret ?? ''));
  const oidcKey = config.oidc?.publicKey ? createPublicKey(config.oidc.publicKey) : undefined;
  const localAlgorithm = signingAlgorithm(config);
  const oidc = config.oidc;
  const jwksKey = oidc?.jwksUrl
    ? passportJwtSecret({ jwksUri: oidc.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 })
    : undefined;

  const options: StrategyOptionsWithoutRequest = {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    issuer: oidc ? [config.jwt.issuer, oidc.issuer] : config.jwt.issuer,
    audience: oidc ? [config.jwt.audience, oidc.audience] : config.jwt.audience,
    algorithms: oidc ? [localAlgorithm, 'RS256', 'ES256', 'PS256'] : [localAlgorithm],
    secretOrKeyProvider: (request, rawToken, done) => {
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; its types predate that.
      const giveKey = done as unknown as (error: null, key: KeyObject) => void;
      const decoded = jwt.decode(String(rawToken), { complete: true });
      const payload = decoded?.payload as Claims | undefined;
      const alg = decoded?.header.alg;
      if (payload?.iss === config.jwt.issuer && alg === localAlgorithm) return giveKey(null, localKey);
      // An external token must be asymmetric: an HS256 token "signed" with a public key is an attack.
      if (oidc && payload?.iss === oidc.issuer && alg && alg !== 'none' && !alg.startsWith('HS')) {
        if (oidcKey) return giveKey(null, oidcKey);
        if (jwksKey) return jwksKey(request, rawToken, done);
      }
      return done(new Error('untrusted token issuer or algorithm'));
    },
  };

  const passport = new Passport();
  passport.use(
    new Strategy(options, (claims: Claims, done: (error: unknown, user?: Verified | false) => void) => {
      const rememberUntil = claims.iss === config.jwt.issuer ? claims.exp : undefined;
      principalFromClaims(config, sequelize, claims).then((principal) => done(null, principal && { principal, rememberUntil }), done);
    }),
  );
  const verified = verifiedTokens(VERIFIED_TOKENS_KEPT);
  return async (req, res) => {
    const token = ExtractJwt.fromAuthHeaderAsBearerToken()(req);
    const known = token ? verified.get(token, Date.now() / 1000) : undefined;
    if (known) return known;
    const user = await new Promise<Verified | false>((resolve, reject) => {
      passport.authenticate('jwt', { session: false }, (error: unknown, found: Verified | false) => (error ? reject(error) : resolve(found)))(req, res, reject);
    });
    if (!user) return false;
    if (token && user.rememberUntil !== undefined) verified.remember(token, user.principal, user.rememberUntil);
    return user.principal;
  };
}

async function principalFromClaims(config: Config, sequelize: Sequelize, claims: Claims): Promise<Principal | false> {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss === config.jwt.issuer) {
    if (!audiences.includes(config.jwt.audience) || !claims.sub || !ROLES.includes(claims.role as Role)) return false;
    return {
      userId: claims.sub,
      role: claims.role as Role,
      email: claims.email ?? '',
      centreId: claims.centreId ?? null,
      citizenId: claims.citizenId ?? null,
    };
  }
  if (!config.oidc || !audiences.includes(config.oidc.audience) || typeof claims.email !== 'string') return false;
  // The e-mail is what ties the provider's user to ours: one the provider has not verified could
  // be anyone's (a sign-up there with a victim's address), so it is refused.
  if (claims.email_verified !== true) return false;
  const user = await findUserByEmail(sequelize, claims.email);
  return user ? principalOf(user) : false;
}

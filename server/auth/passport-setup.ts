// Bearer tokens. Two kinds are trusted: this service's own (passport-jwt), and, when configured,
// an identity provider's (provider-tokens.ts), which act only for the user they were linked to by
// the provider's (issuer, subject). Either way the token only says who is calling: whether that
// user still exists, is enabled, and with which role, centre and citizen record, is read from our
// records on every request (user-cache.ts keeps a copy for a few seconds). Our own token must also
// carry the user's current token version and the user's role, and a bounded lifetime.
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type jwt from 'jsonwebtoken';
import { Passport } from 'passport';
import type { Request, RequestHandler, Response } from 'express';
import { ExtractJwt, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { Sequelize } from 'sequelize';
import type { Clock } from '../app-context.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { findLinkedUserId } from './identity-store.js';
import { ROLES, type Principal, type Role } from './principal.js';
import { isProviderToken, verifyProviderToken } from './provider-tokens.js';
import { signingAlgorithm } from './tokens.js';
import { currentUser } from './user-cache.js';
import { verifiedTokens } from './verified-tokens.js';

type Claims = jwt.JwtPayload & { role?: unknown; ver?: unknown };

export type Authenticator = (req: Request, res: Response) => Promise<Principal | false>;

/** What a verified token says: whose it is and, for our own, the role and token version it was issued with. */
type Said = { kind: 'ours'; userId: string; role: Role; tokenVersion: number } | { kind: 'provider'; userId: string };

const VERIFIED_TOKENS_KEPT = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far ahead of our clock a token's issue time may be (clocks of several hosts drift a little). */
const CLOCK_SKEW_SECONDS = 60;

/**
 * One passport instance per app, so apps built with other settings (tests) never share it. The
 * caches age by the app's clock, so tests drive their expiry by moving it; the token's own time
 * claims are judged by the wall clock, as jsonwebtoken judges `exp`.
 */
export function createAuthenticator(config: Config, sequelize: Sequelize, clock: Clock): Authenticator {
  const localKey = ourVerificationKey(config);
  const options: StrategyOptionsWithoutRequest = {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    algorithms: [signingAlgorithm(config)],
    // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; its types predate that.
    secretOrKeyProvider: (_request, _rawToken, done) => (done as unknown as (error: null, key: KeyObject) => void)(null, localKey),
  };
  const passport = new Passport();
  passport.use(
    new Strategy(options, (claims: Claims, done: (error: unknown, said?: { said: Said; expiresAt: number } | false) => void) => {
      const said = saidByOurClaims(config, claims);
      done(null, said && { said, expiresAt: claims.exp as number });
    }),
  );
  const verified = verifiedTokens<Said>(VERIFIED_TOKENS_KEPT);

  const ours = (req: Request, res: Response, token: string) =>
    new Promise<Said | false>((resolve, reject) => {
      const authenticate = passport.authenticate(
        'jwt',
        { session: false },
        (error: unknown, found: { said: Said; expiresAt: number } | false) => {
          if (error) return reject(asError(error));
          if (found) verified.remember(token, found.said, found.expiresAt);
          resolve(found ? found.said : false);
        },
      ) as RequestHandler;
      void authenticate(req, res, (error?: unknown) => reject(asError(error)));
    });

  return async (req, res) => {
    const token = ExtractJwt.fromAuthHeaderAsBearerToken()(req);
    if (!token) return false;
    const said = isProviderToken(config.oidc, token)
      ? await saidByProvider(config, sequelize, token)
      : (verified.get(token, clock.now().getTime() / 1000) ?? (await ours(req, res, token)));
    return said ? principalFor(config, sequelize, clock, said) : false;
  };
}

function ourVerificationKey(config: Config): KeyObject {
  if (config.jwt.publicKey) return createPublicKey(config.jwt.publicKey);
  // Parsed once: given a string, jsonwebtoken re-parses the key on every request.
  if (config.jwt.secret) return createSecretKey(Buffer.from(config.jwt.secret));
  throw new Error('no JWT verification key: set JWT_SECRET or a key pair, or start through main.ts, which makes a secret');
}

function saidByOurClaims(config: Config, claims: Claims): Said | false {
  const { sub, role, ver, iat, exp } = claims;
  if (typeof sub !== 'string' || !UUID.test(sub) || !ROLES.includes(role as Role)) return false;
  if (typeof ver !== 'number' || !Number.isSafeInteger(ver) || ver < 0) return false;
  // A token without an expiry, or minted to last longer than ours ever do, is refused whatever its signature.
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > config.jwt.maxLifetimeSeconds) return false;
  if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return false;
  return { kind: 'ours', userId: sub, role: role as Role, tokenVersion: ver };
}

async function saidByProvider(config: Config, sequelize: Sequelize, token: string): Promise<Said | false> {
  const provider = config.oidc;
  const identity = provider && (await verifyProviderToken(provider, token));
  if (!identity) return false;
  const userId = await findLinkedUserId(sequelize, identity.issuer, identity.subject);
  if (!userId) {
    throw new AppError(
      401,
      'identity_not_linked',
      'This identity provider account is not linked to a user here. Sign in with your password once and link it (POST /v1/me/identities).',
    );
  }
  return { kind: 'provider', userId };
}

async function principalFor(config: Config, sequelize: Sequelize, clock: Clock, said: Said): Promise<Principal | false> {
  const user = await currentUser(sequelize, said.userId, config.auth.userCacheSeconds, clock.now().getTime());
  if (!user || user.disabled_at) return false;
  if (said.kind === 'ours' && (user.token_version !== said.tokenVersion || user.role !== said.role)) return false;
  if (said.kind === 'provider' && user.role !== 'citizen' && !config.oidc?.staffSignIn) {
    throw new AppError(
      401,
      'provider_sign_in_not_allowed',
      'Staff sign in with their password here: the identity provider signs in citizens only.',
    );
  }
  return { userId: user.id, role: user.role, email: user.email, centreId: user.centre_id, citizenId: user.citizen_id };
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

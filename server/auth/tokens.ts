// Our own short-lived access tokens: HS256 with JWT_SECRET (or the data folder's generated
// secret), or RS256 with a key pair. A token carries its user's token version (`ver`): bumping the
// version on the user ends every token issued before (a password change, disabling, revocation).
import jwt from 'jsonwebtoken';
import type { Config } from '../config.js';
import type { Principal } from './principal.js';

export type AccessToken = { accessToken: string; tokenType: 'Bearer'; expiresIn: number };

export function signingAlgorithm(config: Config): 'HS256' | 'RS256' {
  return config.jwt.privateKey ? 'RS256' : 'HS256';
}

/** `tokenVersion` is the user's current one (`users.token_version`; 0 for a new user). */
export function issueAccessToken(config: Config, principal: Principal, tokenVersion = 0): AccessToken {
  const key = config.jwt.privateKey ?? config.jwt.secret;
  if (!key) throw new Error('no JWT signing key configured');
  const accessToken = jwt.sign(
    { role: principal.role, email: principal.email, centreId: principal.centreId, citizenId: principal.citizenId, ver: tokenVersion },
    key,
    {
      algorithm: signingAlgorithm(config),
      subject: principal.userId,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      expiresIn: config.jwt.ttlSeconds,
    },
  );
  return { accessToken, tokenType: 'Bearer', expiresIn: config.jwt.ttlSeconds };
}

// Our own short-lived access tokens: HS256 with JWT_SECRET, or RS256 with a key pair.
import jwt from 'jsonwebtoken';
import type { Config } from '../config.js';
import type { Principal } from './principal.js';

export type AccessToken = { accessToken: string; tokenType: 'Bearer'; expiresIn: number };

export function signingAlgorithm(config: Config): 'HS256' | 'RS256' {
  return config.jwt.privateKey ? 'RS256' : 'HS256';
}

export function issueAccessToken(config: Config, principal: Principal): AccessToken {
  const key = config.jwt.privateKey ?? config.jwt.secret;
  if (!key) throw new Error('no JWT signing key configured');
  const accessToken = jwt.sign(
    { role: principal.role, email: principal.email, centreId: principal.centreId, citizenId: principal.citizenId },
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

// Real users with real signed tokens, created per test with unique e-mails.
import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '../../server/auth/principal.js';
import { issueAccessToken } from '../../server/auth/tokens.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { insertUser } from '../../server/auth/user-store.js';
import type { Harness } from './harness.js';

export type Actor = { principal: Principal; token: string; auth: { Authorization: string }; password: string };

const PASSWORD = 'correct horse battery staple';
let cachedHash: string | undefined;

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}@test.example`;

/** A user of any role; centre staff need `centreId`. Citizens: use the citizen factory instead. */
export async function createActor(h: Harness, role: Role, options: { centreId?: string; email?: string } = {}): Promise<Actor> {
  cachedHash ??= await hashPassword(PASSWORD);
  const user = await insertUser(h.sequelize, {
    email: options.email ?? uniqueEmail(role),
    passwordHash: cachedHash,
    name: `Test ${role}`,
    role,
    centreId: options.centreId ?? null,
  });
  return actorFor(h, { userId: user.id, role, email: user.email, centreId: user.centreId, citizenId: null });
}

export function actorFor(h: Harness, principal: Principal): Actor {
  const token = issueAccessToken(h.config, principal).accessToken;
  return { principal, token, auth: { Authorization: `Bearer ${token}` }, password: PASSWORD };
}

export const idempotencyKey = () => `test-${randomUUID()}`;

// The users behind tokens, as the authenticator checks them on every request (exists, enabled,
// role, centre, citizen, token version). A copy is trusted for AUTH_USER_CACHE_SECONDS, so a
// client's burst of requests costs one lookup. A change made in this process (disabling, a new
// password, ending tokens) forgets the user at once; another process sees it when its copy runs
// out, so that lifetime bounds how long a disabled user's token still works there.
import type { Sequelize, Transaction } from 'sequelize';
import { findUserById, type UserRow } from './user-store.js';

/** What authentication needs of a user: no password hash is kept in memory. */
export type CurrentUser = Omit<UserRow, 'password_hash' | 'name'>;

const CAPACITY = 50_000;
const entries = new Map<string, { user: CurrentUser | undefined; fetchedAt: number }>();
/** Bumped by every forget: a lookup that started before one may hold the old row, and is not kept. */
let forgets = 0;

export async function currentUser(
  sequelize: Sequelize,
  userId: string,
  maxAgeSeconds: number,
  nowMs: number,
): Promise<CurrentUser | undefined> {
  const entry = entries.get(userId);
  // A clock that went back (a test's, or a host's correction) never makes a copy last longer.
  const age = entry ? nowMs - entry.fetchedAt : -1;
  if (entry && age >= 0 && age < maxAgeSeconds * 1000) return entry.user;
  const forgetsBefore = forgets;
  const row = await findUserById(sequelize, userId);
  const user = row && {
    id: row.id,
    email: row.email,
    role: row.role,
    centre_id: row.centre_id,
    citizen_id: row.citizen_id,
    disabled_at: row.disabled_at,
    token_version: row.token_version,
  };
  if (maxAgeSeconds > 0 && forgetsBefore === forgets) {
    entries.delete(userId);
    if (entries.size >= CAPACITY) entries.delete(entries.keys().next().value as string);
    entries.set(userId, { user, fetchedAt: nowMs });
  }
  return user;
}

/** Forgets the user once `transaction` commits (before it, a lookup would read the old row again). */
export function forgetUserAfterCommit(transaction: Transaction, userId: string) {
  transaction.afterCommit(() => {
    forgets++;
    entries.delete(userId);
  });
}

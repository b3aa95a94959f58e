// Checks an e-mail and password while slowing guessing, for the API's token route and the portals.
//
// Every try is counted twice before the password is checked, in one statement (so a concurrent
// burst gets exactly the allowed number of checks): per client address and per account.
// - An address gets LOGIN_ADDRESS_MAX_FAILURES tries, then each further try waits twice as long
//   as the one before, up to LOGIN_LOCK_SECONDS: spraying many accounts from one address stops.
// - An account gets LOGIN_MAX_FAILURES tries, then the same growing wait, up to the same cap:
//   guessing one password is slowed from everywhere, but the account is never locked for good,
//   so an attacker cannot keep its owner out for longer than the cap.
// The account is counted by the e-mail given, known or not, so answers do not reveal which
// accounts exist. A sign-in clears the account's count and gives the address its try back.
// A disabled user's right password is a failure like a wrong one (same answer, same work, and
// counted), so no caller signs them in and the answers do not tell which accounts are disabled.
// Counts are forgotten after four times LOGIN_LOCK_SECONDS without a try.
import type { AppContext } from '../app-context.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { settleSignIn, takeTry } from './login-attempt-store.js';
import { createPasswordChecks, type PasswordChecks } from './password-checks.js';
import { verifyPassword } from './passwords.js';
import { findUserByEmail, type UserRow } from './user-store.js';

export type LoginAttempt = { email: string; password: string; clientAddress: string };

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The e-mail or password is not right.');

/** The enabled user whose password this is, or a 401, 429 (too many tries) or 503 (too many checks at once). */
export async function checkLogin(app: Pick<AppContext, 'sequelize' | 'config' | 'clock'>, attempt: LoginAttempt): Promise<UserRow> {
  const { sequelize, config } = app;
  const email = attempt.email.toLowerCase();
  const addressKey = `address:${attempt.clientAddress}`;
  const accountKey = `account:${email}`;
  const { maxFailures, addressMaxFailures, lockSeconds } = config.login;
  const outcome = await takeTry(
    sequelize,
    { key: addressKey, free: addressMaxFailures, capSeconds: lockSeconds },
    { key: accountKey, free: maxFailures, capSeconds: lockSeconds },
    app.clock.now(),
    lockSeconds * 4,
  );
  if (!outcome.taken) {
    const detail = outcome.refusedKey === addressKey ? 'Too many logins from your address' : 'Too many failed logins for this account';
    throw new AppError(429, 'too_many_attempts', `${detail}; try again later.`, { retryAfterSeconds: outcome.retryAfterSeconds });
  }
  const user = await findUserByEmail(sequelize, email);
  const valid = await passwordChecksOf(config).run(() => verifyPassword(attempt.password, user?.password_hash ?? null));
  if (!valid || !user || user.disabled_at) throw invalidCredentials();
  await settleSignIn(sequelize, addressKey, accountKey);
  return user;
}

// One gate per configuration, i.e. per app: tests build apps with other limits side by side.
const gates = new WeakMap<Config, PasswordChecks>();

function passwordChecksOf(config: Config): PasswordChecks {
  let gate = gates.get(config);
  if (!gate) {
    gate = createPasswordChecks(config.login.concurrentChecks, config.login.queuedChecks);
    gates.set(config, gate);
  }
  return gate;
}

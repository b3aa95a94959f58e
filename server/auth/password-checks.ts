// Password checks are slow on purpose (scrypt, about 50 ms of a core and a libuv thread each), so
// a flood of logins, with unknown e-mails from many addresses say, could take every core from
// every other request. Each service instance runs at most `concurrent` checks at once and keeps
// at most `queued` waiting; past that, a login is refused at once with 503 login_busy. Known
// and unknown accounts queue alike, so how long an answer takes still says nothing about which
// e-mails exist.
import { AppError } from '../errors.js';

export type PasswordChecks = { run: <T>(check: () => Promise<T>) => Promise<T> };

export function createPasswordChecks(concurrent: number, queued: number): PasswordChecks {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(check) {
      if (running < concurrent) running += 1;
      else if (waiting.length < queued) await new Promise<void>((resolve) => waiting.push(resolve));
      else
        throw new AppError(503, 'login_busy', 'Too many logins are being checked right now; try again in a moment.', {
          retryAfterSeconds: 1,
        });
      try {
        return await check();
      } finally {
        // A finished check hands its place straight to the next in line.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}

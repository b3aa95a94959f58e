// What every use case may depend on: the database, the validated config, a clock (controllable
// in tests so lapse and expiry can be driven), and a logger. Passed explicitly, no container.
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from './config.js';

export type Clock = {
  now: () => Date;
  /** The service date, 'YYYY-MM-DD' in UTC. */
  today: () => string;
};

export type AppContext = {
  sequelize: Sequelize;
  config: Config;
  clock: Clock;
  logger: Logger;
};

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** A clock tests can move: `clock.set('2027-01-01T09:00:00Z')`. */
export function settableClock(start: Date = new Date()) {
  let current = start;
  return {
    now: () => new Date(current),
    today: () => current.toISOString().slice(0, 10),
    set: (at: string | Date) => {
      current = new Date(at);
    },
    advanceDays: (days: number) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
  };
}

// Who may read /metrics. Its numbers (routes, error rates, process memory) help an attacker too,
// so with METRICS_TOKEN set a scraper must send it as a bearer token; without one, /metrics is
// open in development and test (a local Prometheus) and does not exist in production.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

export function metricsAccess(config: Config): RequestHandler {
  const expected = config.metricsToken ? digest(`Bearer ${config.metricsToken}`) : undefined;
  return (req, _res, next) => {
    if (!expected) {
      if (config.env === 'production') return next(new AppError(404, 'route_not_found', `There is no ${req.method} ${req.path}.`));
      return next();
    }
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) return next();
    next(new AppError(401, 'unauthenticated', 'Reading metrics needs the metrics bearer token.'));
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

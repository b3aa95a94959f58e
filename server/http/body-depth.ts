// A limit on how deeply a JSON body nests. JSON.parse takes any depth, but what reads the body
// next (zod, our own walks over free JSON, pg turning it into jsonb) recurses, and a body nested
// a few thousand deep overflowed the stack there: a 500. Checked right after parsing, without
// recursion, so nothing recursive ever sees such a body. The deepest legitimate body, a rule set,
// nests about 10 deep.
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

export const MAX_BODY_DEPTH = 32;

export const refuseDeepBodies: RequestHandler = (req, _res, next) => {
  if (depthExceeds(req.body as unknown, MAX_BODY_DEPTH)) {
    return next(
      new AppError(400, 'body_too_deep', `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`, {
        errors: [{ path: '', message: `must not nest deeper than ${MAX_BODY_DEPTH} levels` }],
      }),
    );
  }
  next();
};

function depthExceeds(body: unknown, limit: number): boolean {
  const pending: [value: unknown, depth: number][] = [[body, 0]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [value, depth] = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

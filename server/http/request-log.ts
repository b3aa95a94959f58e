// One log line per request, written when the answer is finished: request id, method, path,
// client address, the user when known, status and milliseconds; never tokens or bodies, and never
// the query string (a client may put a token there, as `?access_token=`). The request id is the caller's X-Request-Id
// when it is usable (so a trace can cross services), otherwise a new UUID, and it is echoed in
// the answer. A single logger call per request: pino-http's per-request child logger and
// serializers cost more CPU than many of the handlers they log.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

declare global {
  // Express's request type is widened through its global namespace; there is no module form.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** This request's id, as logged and sent back in X-Request-Id. */
      id: string;
    }
  }
}

/** The user a request was authenticated as, recorded by the router for the log line. */
export function noteUser(res: Response, userId: string) {
  (res.locals as { userId?: string }).userId = userId;
}

const USABLE_ID = /^[\w.-]{1,100}$/;
const NOT_LOGGED = new Set(['/health', '/metrics']);

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && USABLE_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!NOT_LOGGED.has(path)) {
      const started = performance.now();
      res.on('close', () => {
        const ms = Math.round((performance.now() - started) * 10) / 10;
        // Closed before the answer was finished: the client went away mid-request.
        const status = res.writableFinished ? res.statusCode : 'aborted';
        const { userId } = res.locals as { userId?: string };
        logger.info({ reqId: req.id, method: req.method, path, clientAddress: req.ip, userId, status, ms }, 'request completed');
      });
    }
    next();
  };
}

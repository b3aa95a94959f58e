// Turns every error into RFC 9457 problem+json. Client mistakes that reach express before our
// routes (malformed JSON, an oversized body) are recognised by their `type` and mapped too.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extra: string]: unknown;
};

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: `https://learning-accounts.example/problems/${error.code.replace(/_/g, '-')}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
}

/** Errors thrown by express' body parser carry `type` and `status`; they are the client's. */
function fromBodyParser(error: unknown): AppError | undefined {
  if (!error || typeof error !== 'object' || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError(413, 'body_too_large', 'The request body is larger than the service accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported.');
    case 'request.aborted':
      return new AppError(400, 'request_aborted', 'The request was aborted by the client.');
    default:
      return undefined;
  }
}

/** Express' router refuses a path parameter that is not valid percent-encoding with a 400 URIError. */
function fromRouter(error: unknown): AppError | undefined {
  if (!(error instanceof URIError) || (error as URIError & { status?: unknown }).status !== 400) return undefined;
  return new AppError(400, 'malformed_path', 'A part of the request path is not valid percent-encoded UTF-8.', {
    errors: [{ path: '/path', message: 'must be valid percent-encoded UTF-8' }],
  });
}

const UNAVAILABLE_ERRORS =
  /^Sequelize(Connection|ConnectionRefused|ConnectionAcquireTimeout|ConnectionTimedOut|HostNotFound|HostNotReachable)Error$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// Class 08: connection exceptions; 57P01-03: the server is shutting down, crashed or starting; 53300: too many connections.
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;
/** Seconds a client is asked to wait while the database is away (the supervisor acts after DATABASE_DOWN_EXIT_SECONDS). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The database is unreachable (refused, gone mid-query, restarting, out of connections): the
 * request was fine and may be retried, so 503 with Retry-After rather than a 500. Sequelize
 * wraps the driver's error in `parent`/`original`; our prepared queries throw pg's own.
 */
function fromDatabase(error: unknown): AppError | undefined {
  const layers = [error, (error as { parent?: unknown })?.parent, (error as { original?: unknown })?.original];
  const unavailable = layers.some((layer) => {
    if (!layer || typeof layer !== 'object') return false;
    const { name, code, message } = layer as { name?: unknown; code?: unknown; message?: unknown };
    return (
      (typeof name === 'string' && UNAVAILABLE_ERRORS.test(name)) ||
      (typeof code === 'string' && (UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_STATES.test(code))) ||
      (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message))
    );
  });
  if (!unavailable) return undefined;
  return new AppError(503, 'database_unavailable', 'The service cannot reach its database just now. Try again shortly.', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

export const problemHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    const unavailable = error instanceof AppError ? undefined : fromDatabase(error);
    if (unavailable)
      logger.warn({ err: error, reqId: req.id, method: req.method, path: req.originalUrl.split('?')[0] }, 'database unavailable');
    const known = error instanceof AppError ? error : (fromBodyParser(error) ?? fromRouter(error) ?? unavailable);
    const appError = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
    // The path without its query, which may carry a token (the request log does the same).
    if (!known) logger.error({ err: error, reqId: req.id, method: req.method, path: req.originalUrl.split('?')[0] }, 'unhandled error');
    if (res.headersSent) return;
    if ((appError.status === 429 || appError.status === 503) && typeof appError.extra.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(appError.extra.retryAfterSeconds));
    }
    res.status(appError.status).type('application/problem+json').json(problemOf(appError, req.originalUrl));
  };

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'route_not_found', `There is no ${req.method} ${req.path}.`));
};

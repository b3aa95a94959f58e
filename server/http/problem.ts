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
  switch ((error as { type: unknown }).type) {
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

export const problemHandler = (logger: Logger): ErrorRequestHandler => (error, req, res, _next) => {
  const known = error instanceof AppError ? error : (fromBodyParser(error) ?? fromRouter(error));
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

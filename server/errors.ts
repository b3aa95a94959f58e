// One error family. Every error a client can cause carries an HTTP status and a stable machine
// `code`; the problem middleware turns it into application/problem+json. Anything else is a bug
// and becomes a logged 500 with a generic message.

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request is not valid.',
  ) {
    super(400, 'validation_failed', message, { errors });
  }
}

/** A well-formed request that the domain refuses (422), with optional field pointers. */
export class RuleViolation extends AppError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(422, code, message, extra);
  }
}

export const unauthenticated = (message = 'A valid bearer token is required.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'Your role may not do this.', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) => new AppError(409, code, message, extra);

/** Field errors for one domain check, e.g. `fieldError('/nationalId', 'check digits do not match')`. */
export const invalidField = (path: string, message: string) => new ValidationError([{ path, message }]);

// Flow functions in the database refuse with SQLSTATE LF000: the refusal's code as the message
// and its data as a JSON object in DETAIL (migration 10). The flow that called the function says
// what each refusal means to a client; an unknown code stays the database error it is (a bug).
import type { AppError } from '../errors.js';
import { databaseFailureOf } from './database.js';

export type RefusalData = Record<string, string>;
export type Refusals = Record<string, (data: RefusalData) => AppError>;

/** Whether `error` is the refusal `code` raised by a flow function. */
export const isRefusal = (error: unknown, code: string) => {
  const failure = databaseFailureOf(error);
  return failure?.code === 'LF000' && failure.message === code;
};

/** The client error a raised refusal stands for, or the error itself when it is not one of `refusals`. */
export function refusalError(error: unknown, refusals: Refusals): unknown {
  const failure = databaseFailureOf(error);
  if (failure?.code !== 'LF000' || !failure.message) return error;
  const refuse = refusals[failure.message];
  return refuse ? refuse(failure.detail ? (JSON.parse(failure.detail) as RefusalData) : {}) : error;
}

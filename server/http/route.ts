// Endpoints are declared as small objects (who may call, what they accept, whether they are
// idempotent) in the Ghost style. The same declarations build the express router and the OpenAPI
// document, so the document cannot drift from what is served.
import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal, Role } from '../auth/principal.js';
import type { Language } from '../shared/language.js';
import type { IdempotencyClaim } from './idempotency.js';
import type { MultipartForm, MultipartLimits } from './multipart.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.output<S> : Record<string, never>;

export type RouteInput<P, Q, B, Auth> = {
  app: AppContext;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  principal: Auth extends 'public' ? Principal | undefined : Principal;
  /** Set for idempotent routes: the transaction that also stores the replayable answer. */
  transaction: Transaction | undefined;
  /** Set instead of `transaction` for routes that claim the key in their own statement. */
  claim: IdempotencyClaim | undefined;
  language: Language;
  requestId: string;
  headers: Record<string, string | string[] | undefined>;
  /** The caller's address (req.ip: the socket's, as `trust proxy` is off), for per-address limits. */
  clientAddress: string;
  rawBody: Buffer | undefined;
  /** For a route declared `multipart`: its files (its text fields are `body`). */
  upload: MultipartForm | undefined;
};

/** A Buffer body is sent as it is (a file), with the headers given; anything else as JSON. */
export type Reply = { status?: number; body: unknown; headers?: Record<string, string> };

export type Route<P = unknown, Q = unknown, B = unknown, Auth = unknown> = {
  method: Method;
  /** Express-style path, e.g. '/v1/centres/:centreId/courses'. */
  path: string;
  /** Stable camelCase name of the operation, unique across the API: generated clients name their methods by it. */
  operationId: string;
  summary: string;
  tag: string;
  /** 'public', or the roles allowed; finer per-object checks live in the services (they answer 404). */
  auth: Auth;
  /**
   * The path parameter naming the centre the route acts on. Staff (role `centre`) may only use
   * their own centre's id there; the router answers any other with the 404 of a centre that does
   * not exist. Administrators and auditors reach every centre their roles in `auth` allow.
   */
  centreParam?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Requires an Idempotency-Key header; a replay answers the first status and body. */
  idempotent?: boolean;
  /**
   * With `idempotent`: the handler's flow is one SQL statement that claims the key and stores its
   * outcome itself (answerInStatement), so the router opens no transaction and hands it the claim.
   */
  claimsInStatement?: boolean;
  /** Takes multipart/form-data (fields as `body`, files as `upload`) within these limits, read after authentication. */
  multipart?: MultipartLimits;
  /** Status on success (default 200), and the error statuses worth documenting. */
  status?: number;
  errors?: number[];
  /** The success body (not for 204 or a file): documented, and checked against every answer the tests receive. */
  response?: Schema;
  /** Other 2xx statuses the route may answer instead (e.g. 202 when a change waits for a second administrator), with their bodies. */
  otherSuccesses?: Record<number, Schema>;
  /** Instead of `response`, for a route that answers a file: the media types it may have. */
  fileTypes?: readonly string[];
  /** The problem `code`s this operation is known to answer, by status, for integrators to branch on. */
  problemCodes?: Partial<Record<number, readonly string[]>>;
  /** An example for the document: a request body and the success body. */
  example?: { request?: unknown; response?: unknown };
  /** Several named examples, for an operation whose answers differ in shape (e.g. a claim, by the programme's kind). */
  examples?: readonly RouteExample[];
  /**
   * Authenticates a caller that has no bearer token (e.g. an HMAC-signed callback). Returns
   * undefined when the request is not of that kind, and the usual bearer check applies.
   */
  customAuth?: (input: {
    app: AppContext;
    method: string;
    /** The request path without its query, as the client sent it (a signature may cover it). */
    path: string;
    headers: RouteInput<P, Q, B, Auth>['headers'];
    rawBody: Buffer | undefined;
  }) => Principal | undefined;
  /** Resolves to a `Reply` (recognised by isReply) or to the body itself. */
  handle: (input: RouteInput<P, Q, B, Auth>) => Promise<unknown>;
};

/** A named example: the request body and the answer it gets, at `status` (by default the route's success status). */
export type RouteExample = { name: string; summary: string; request?: unknown; response?: unknown; status?: number };

export type AnyRoute = Route<Schema | undefined, Schema | undefined, Schema | undefined, 'public' | readonly Role[]>;

/** Identity function that gives handlers typed params, query, body and principal. */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  const Auth extends 'public' | readonly Role[] = readonly Role[],
>(route: Route<P, Q, B, Auth>): AnyRoute {
  return route;
}

export function isReply(value: unknown): value is Reply {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    Object.keys(value).every((key) => ['status', 'body', 'headers'].includes(key))
  );
}

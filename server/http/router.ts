// Mounts declared routes on express: authenticate, authorise by role, validate every part,
// run (inside an idempotency claim where declared), and send the reply.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Authenticator } from '../auth/passport-setup.js';
import type { Principal } from '../auth/principal.js';
import { AppError, forbidden, notFound, unauthenticated, type FieldError } from '../errors.js';
import { LANGUAGES, type Language } from '../shared/language.js';
import { answerInTransaction, readIdempotencyKey, requestFingerprint, type IdempotencyClaim, type StoredAnswer } from './idempotency.js';
import { isMultipart, readMultipart, type MultipartForm } from './multipart.js';
import { noteUser } from './request-log.js';
import { isReply, type AnyRoute } from './route.js';
import { parsePart, throwIfErrors } from './validation.js';

const NO_BODY = z.object({}).strict();

export function buildRouter(app: AppContext, authenticator: Authenticator, routes: readonly AnyRoute[]) {
  const router = express.Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal = await authenticate(app, authenticator, route, req, res);
      if (principal) noteUser(res, principal.userId);
      assertOwnCentre(route, principal, req);
      const upload = await readUpload(route, req);
      const input = validate(route, req);
      const base = {
        app,
        ...input,
        principal,
        language: languageOf(req),
        requestId: req.id,
        headers: req.headers,
        clientAddress: req.ip ?? 'unknown',
        rawBody: (req as Request & { rawBody?: Buffer }).rawBody,
        upload,
      };
      if (!route.idempotent) {
        send(res, toAnswer(route, await route.handle({ ...base, transaction: undefined, claim: undefined })));
        return;
      }
      const claim: IdempotencyClaim = {
        scope: principal ? `user:${principal.userId}` : 'anonymous',
        key: readIdempotencyKey(req.headers['idempotency-key']),
        fingerprint: requestFingerprint(req.method, req.path, req.body ?? {}),
        instance: req.originalUrl,
      };
      const answer = route.claimsInStatement
        ? await route.handle({ ...base, transaction: undefined, claim })
        : await answerInTransaction(app.sequelize, claim, async (transaction) =>
            toAnswer(route, await route.handle({ ...base, transaction, claim: undefined })),
          );
      send(res, toAnswer(route, answer));
    });
  }
  return router;
}

async function authenticate(
  app: AppContext,
  authenticator: Authenticator,
  route: AnyRoute,
  req: Request,
  res: Response,
): Promise<Principal | undefined> {
  const custom = route.customAuth?.({
    app,
    method: req.method,
    path: req.originalUrl.split('?')[0] ?? req.path,
    headers: req.headers,
    rawBody: (req as Request & { rawBody?: Buffer }).rawBody,
  });
  if (custom) return custom;
  if (route.auth === 'public' && !req.headers.authorization) return undefined;
  const principal = await authenticator(req, res);
  if (!principal) throw unauthenticated();
  if (route.auth !== 'public' && !route.auth.includes(principal.role)) throw forbidden();
  return principal;
}

/**
 * The one place where staff are kept to their own centre. It runs before validation, so another
 * centre's staff learn nothing from the body either: the answer is that of an unknown centre.
 */
function assertOwnCentre(route: AnyRoute, principal: Principal | undefined, req: Request) {
  if (!route.centreParam || principal?.role !== 'centre') return;
  if (principal.centreId === null || req.params[route.centreParam] !== principal.centreId) throw notFound('Centre');
}

function validate(route: AnyRoute, req: Request) {
  const errors: FieldError[] = [];
  const take = <T>(result: { ok: true; value: T } | { ok: false; errors: FieldError[] }) => {
    if (result.ok) return result.value;
    errors.push(...result.errors);
    return undefined as T;
  };
  const params = route.params ? take(parsePart(route.params, req.params, 'path')) : {};
  const query = take(parsePart(route.query ?? NO_BODY, { ...req.query }, 'query'));
  const sent: unknown = req.body;
  const hasBody = sent !== undefined && !(typeof sent === 'object' && sent !== null && Object.keys(sent).length === 0 && !route.body);
  const body = route.body || hasBody ? take(parsePart(route.body ?? NO_BODY, sent ?? undefined, 'body')) : {};
  throwIfErrors(errors);
  return { params, query, body } as { params: never; query: never; body: never };
}

/** A multipart route's form: its text fields become the body to validate, its files the upload. */
async function readUpload(route: AnyRoute, req: Request): Promise<MultipartForm | undefined> {
  if (!route.multipart) return undefined;
  if (!isMultipart(req)) throw new AppError(415, 'unsupported_media_type', 'Send this request as multipart/form-data.');
  const form = await readMultipart(req, route.multipart);
  req.body = form.fields;
  return form;
}

function languageOf(req: Request): Language {
  return req.acceptsLanguages(...LANGUAGES) === 'nl' ? 'nl' : 'en';
}

function toAnswer(route: AnyRoute, result: unknown): StoredAnswer & { headers?: Record<string, string> } {
  if (isReply(result))
    return { status: result.status ?? route.status ?? 200, body: result.body, ...(result.headers ? { headers: result.headers } : {}) };
  return { status: route.status ?? 200, body: result };
}

function send(res: Response, answer: StoredAnswer & { headers?: Record<string, string> }) {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (answer.status >= 400) res.type('application/problem+json');
  if (answer.status === 204) res.status(204).end();
  else if (Buffer.isBuffer(answer.body)) res.status(answer.status).end(answer.body);
  else res.status(answer.status).json(answer.body);
}

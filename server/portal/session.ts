// Portal sessions, kept server-side in PostgreSQL (table portal_sessions, made by a migration, not
// by the store). The cookie holds only the signed session id: HttpOnly, SameSite=Lax, Secure in
// production (behind the TLS proxy, whose X-Forwarded-Proto says so). A session ends after
// PORTAL_SESSION_IDLE_MINUTES without a request and PORTAL_SESSION_ABSOLUTE_HOURS after sign-in,
// judged by the app's clock (so tests move it); the row's own expiry only lets the store prune it.
import { createHmac } from 'node:crypto';
import connectPgSimple from 'connect-pg-simple';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { AppContext } from '../app-context.js';
import type { Role } from '../auth/principal.js';
import { recordSignIn, type SignInMethod } from '../auth/sign-in-history.js';
import type { Config } from '../config.js';
import { queryRows } from '../db/database.js';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    role: Role;
    /** The user's token version at sign-in: a new password or a disabled account bumps it and ends the session. */
    tokenVersion: number;
    /** Milliseconds by the app's clock. */
    signedInAt: number;
    lastSeenAt: number;
    /** An administrator's assisted session (server/assisted): while it runs, they act as its citizen. */
    assisting?: string;
  }
}

const PgStore = connectPgSimple(session);

export function portalSession(app: AppContext): RequestHandler {
  const { config } = app;
  const production = config.env === 'production';
  const store = new PgStore({
    // The store's statements go through the service's own pool (the adapter it accepts is pg-promise's `any`).
    pgPromise: { any: (sql: string, params: unknown[]) => queryRows(app.sequelize, sql, params.map(storable)) },
    tableName: 'portal_sessions',
    createTableIfMissing: false,
    ttl: config.portal.idleSeconds,
    errorLog: (...args: unknown[]) => app.logger.warn({ args }, 'portal session store'),
  });
  return session({
    name: production ? '__Host-portal-session' : 'portal-session',
    secret: sessionSecret(config),
    store,
    resave: false,
    saveUninitialized: false,
    proxy: production,
    cookie: { httpOnly: true, sameSite: 'lax', secure: production, path: '/' },
  });
}

/** pg sends an object as JSON; sequelize's bind does not, so the session is serialised here. */
const storable = (value: unknown) =>
  value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;

function sessionSecret(config: Config): string {
  if (config.portal.sessionSecret) return config.portal.sessionSecret;
  const key = config.jwt.secret ?? config.jwt.privateKey;
  if (!key) throw new Error('no portal session secret: set PORTAL_SESSION_SECRET or JWT_SECRET, or start through main.ts');
  // Derived, so every worker agrees without another setting; the label keeps it apart from the token key.
  return createHmac('sha256', key).update('portal-session-cookie').digest('base64url');
}

const promised = (run: (done: (error?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) =>
    run((error) => (error ? reject(error instanceof Error ? error : new Error('the session store failed', { cause: error })) : resolve())),
  );

/**
 * A new session id at sign-in (so an id planted before it is worth nothing), holding the user; the
 * sign-in is recorded in the user's history (how, and from which address).
 */
export async function startSignedInSession(
  req: Request,
  user: { id: string; role: Role; tokenVersion: number },
  nowMs: number,
  signIn: { app: Pick<AppContext, 'sequelize' | 'clock'>; method: SignInMethod; clientAddress: string },
) {
  await recordSignIn(signIn.app, { userId: user.id, method: signIn.method, channel: 'portal', clientAddress: signIn.clientAddress });
  await promised((done) => req.session.regenerate(done));
  Object.assign(req.session, { userId: user.id, role: user.role, tokenVersion: user.tokenVersion, signedInAt: nowMs, lastSeenAt: nowMs });
}

/**
 * Stores a session that holds anything before a redirect is sent. express-session stores it only
 * when the response ends, after the redirect's headers have left: a browser follows a redirect on
 * its headers, so the next request could read the session before it was stored (a sign-in bounced
 * back to /login, a "sign out everywhere else" that signed this session out too).
 */
export async function sessionStored(req: Request) {
  if (Object.keys(req.session).some((key) => key !== 'cookie')) await promised((done) => req.session.save(done));
}

/** Forgets the user with a fresh, empty session (its id changes too). */
export const endSignedInSession = (req: Request) => promised((done) => req.session.regenerate(done));

/** Whether a signed-in session has run past its idle or absolute timeout at `nowMs`. */
export function sessionExpired(data: { signedInAt?: number; lastSeenAt?: number }, config: Config, nowMs: number): boolean {
  const { idleSeconds, absoluteSeconds } = config.portal;
  return nowMs - (data.lastSeenAt ?? 0) > idleSeconds * 1000 || nowMs - (data.signedInAt ?? 0) > absoluteSeconds * 1000;
}

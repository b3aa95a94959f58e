// Sign-in through the configured OpenID Connect provider (itsme, FranceConnect+, Singpass ...):
// the authorization-code flow with PKCE, state and nonce, kept in the session and used once, so a
// replayed or forged callback finds nothing to complete. The provider's user signs in only as the
// user their (issuer, subject) was linked to, exactly as the API judges the provider's tokens
// (never by e-mail address); staff only with OIDC_STAFF_SIGN_IN. A signed-in user links their
// provider account here through the API's own service (linkIdentity: both proofs at once).
// Sign-out (/logout) ends the portal session only: the provider's own session is the provider's.
import type { Request } from 'express';
import type { Principal } from '../../auth/principal.js';
import { linkIdentity } from '../../auth/identity-service.js';
import { findLinkedUserId } from '../../auth/identity-store.js';
import { currentUser } from '../../auth/user-cache.js';
import type { AppContext } from '../../app-context.js';
import { OIDC_CALLBACK_PATH } from '../../config.js';
import { AppError, notFound } from '../../errors.js';
import { HOMES } from '../navigation.js';
import { definePage, type PageInput } from '../page.js';
import { startSignedInSession } from '../session.js';
import {
  authorizationUrl,
  completeSignIn,
  providerConfiguration,
  refusalOf,
  unavailable,
  type PendingSignIn,
  type PortalClient,
} from './oidc-client.js';

declare module 'express-session' {
  interface SessionData {
    /** A sign-in (or link) begun at the provider and not yet come back. */
    oidcSignIn: PendingSignIn;
  }
}

/** Long enough to sign in at the provider, short enough that an abandoned attempt is worth nothing. */
const PENDING_SECONDS = 600;

/** Why a sign-in or link through the provider did not happen, as the page says it (catalogue keys oidc.refused.*). */
type Refusal = 'expired' | 'cancelled' | 'failed' | 'notLinked' | 'staff' | 'disabled' | 'linkedElsewhere' | 'emailNotVerified';

const STATUS: Record<Refusal, number> = {
  expired: 400,
  cancelled: 400,
  failed: 400,
  notLinked: 403,
  staff: 403,
  disabled: 403,
  linkedElsewhere: 409,
  emailNotVerified: 422,
};

/** The refusals of linkIdentity a user can cause, by the API's code. */
const LINK_REFUSALS: Record<string, Refusal> = {
  identity_linked_elsewhere: 'linkedElsewhere',
  email_not_verified: 'emailNotVerified',
  provider_sign_in_not_allowed: 'staff',
  invalid_provider_token: 'failed',
};

/** The provider's name for "Sign in with ..." on the start and sign-in pages, when the portal may use it. */
export const signInProviderName = (app: AppContext) => app.config.oidc?.portal?.providerName;

function configured(app: AppContext) {
  const provider = app.config.oidc;
  if (!provider?.portal) throw notFound('Page');
  return { provider, portal: provider.portal };
}

type Input = PageInput<'public'>;

async function sendToProvider(input: Input, linkFor?: string) {
  const { provider, portal } = configured(input.app);
  const configuration = await providerConfiguration(provider, portal);
  const { url, pending } = await authorizationUrl(configuration, portal, input.language);
  input.req.session.oidcSignIn = { ...pending, startedAt: input.app.clock.now().getTime(), ...(linkFor ? { linkFor } : {}) };
  input.redirect(url.href);
}

function refuse(input: Input, portal: PortalClient, refusal: Refusal) {
  input.render('pages/oidc/refused.njk', { refusal, providerName: portal.providerName }, STATUS[refusal]);
}

/** The pending sign-in, taken out of the session whatever happens next: a callback completes at most once. */
function takePending(req: Request, nowMs: number): PendingSignIn | undefined {
  const pending = req.session.oidcSignIn;
  delete req.session.oidcSignIn;
  return pending && nowMs - pending.startedAt <= PENDING_SECONDS * 1000 ? pending : undefined;
}

async function callback(input: Input) {
  const { app, req, user } = input;
  const { provider, portal } = configured(app);
  const pending = takePending(req, app.clock.now().getTime());
  if (!pending || (pending.linkFor !== undefined && pending.linkFor !== user?.userId)) return refuse(input, portal, 'expired');
  const configuration = await providerConfiguration(provider, portal);
  const query = new URL(req.originalUrl, 'http://portal.invalid').search;
  let answer: { subject: string; idToken: string };
  try {
    answer = await completeSignIn(configuration, portal, query, pending);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw Object.assign(unavailable(), { cause: error });
    app.logger.info({ err: error, reqId: input.requestId }, 'identity provider sign-in refused');
    return refuse(input, portal, refusal);
  }
  if (pending.linkFor && user) return link(input, portal, user, answer.idToken);
  await signIn(input, provider.issuer, answer.subject, provider.staffSignIn, portal);
}

async function signIn(input: Input, issuer: string, subject: string, staffSignIn: boolean, portal: PortalClient) {
  const { app, req } = input;
  const userId = await findLinkedUserId(app.sequelize, issuer, subject);
  if (!userId) return refuse(input, portal, 'notLinked');
  const now = app.clock.now().getTime();
  const user = await currentUser(app.sequelize, userId, app.config.auth.userCacheSeconds, now);
  if (!user || user.disabled_at) return refuse(input, portal, 'disabled');
  if (user.role !== 'citizen' && !staffSignIn) return refuse(input, portal, 'staff');
  await startSignedInSession(req, { id: user.id, role: user.role, tokenVersion: user.token_version }, now, {
    app,
    method: 'oidc',
    clientAddress: input.clientAddress,
  });
  input.redirect(HOMES[user.role]);
}

async function link(input: Input, portal: PortalClient, user: Principal, idToken: string) {
  try {
    const { created } = await linkIdentity(input.app, user, { idToken, requestId: input.requestId });
    input.render('pages/oidc/linked.njk', { providerName: portal.providerName, created, home: HOMES[user.role] });
  } catch (error) {
    const refusal = error instanceof AppError ? LINK_REFUSALS[error.code] : undefined;
    if (!refusal) throw error;
    refuse(input, portal, refusal);
  }
}

export const oidcPages = [
  definePage({
    method: 'get',
    path: '/login/oidc',
    access: 'public',
    handle: async (input) => {
      configured(input.app);
      if (input.user) return input.redirect(HOMES[input.user.role]);
      await sendToProvider(input);
    },
  }),
  definePage({
    method: 'get',
    path: OIDC_CALLBACK_PATH,
    access: 'public',
    handle: callback,
  }),
  definePage({
    method: 'get',
    path: '/login/oidc/link',
    access: ['citizen', 'centre', 'admin', 'auditor'],
    handle: ({ app, render }) => render('pages/oidc/link.njk', { providerName: configured(app).portal.providerName }),
  }),
  definePage({
    method: 'post',
    path: '/login/oidc/link',
    access: ['citizen', 'centre', 'admin', 'auditor'],
    handle: (input) => sendToProvider(input, input.user.userId),
  }),
];

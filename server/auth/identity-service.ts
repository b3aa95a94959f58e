// Linking an identity provider's user to ours: the caller proves both at once, with our token
// (the bearer) and the provider's token (the body). Only then do the provider's tokens sign in as
// this user; an e-mail address alone never ties two accounts.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { conflict, forbidden, RuleViolation } from '../errors.js';
import { insertLink, type IdentityLink } from './identity-store.js';
import type { Principal } from './principal.js';
import { verifyProviderToken } from './provider-tokens.js';

const badToken = (code: string, message: string, problem: string) =>
  new RuleViolation(code, message, { errors: [{ path: '/idToken', message: problem }] });

export async function linkIdentity(
  app: AppContext,
  principal: Principal,
  input: { idToken: string; requestId: string },
): Promise<{ link: IdentityLink; created: boolean }> {
  const provider = app.config.oidc;
  if (!provider)
    throw new RuleViolation('identity_provider_not_configured', 'This service trusts no identity provider (OIDC_ISSUER is not set).');
  if (principal.role !== 'citizen' && !provider.staffSignIn) {
    throw forbidden(
      'Staff sign in with their password: the identity provider signs in citizens only (OIDC_STAFF_SIGN_IN).',
      'provider_sign_in_not_allowed',
    );
  }
  const identity = await verifyProviderToken(provider, input.idToken);
  if (!identity)
    throw badToken(
      'invalid_provider_token',
      'The identity provider token is not valid.',
      'is not a valid, unexpired token of the configured identity provider for this service',
    );
  if (!identity.emailVerified)
    throw badToken(
      'email_not_verified',
      "The identity provider has not verified this account's e-mail address.",
      'must say "email_verified": true',
    );
  return app.sequelize.transaction(async (transaction) => {
    const { link, created } = await insertLink(app.sequelize, transaction, { ...identity, userId: principal.userId });
    if (link.userId !== principal.userId)
      throw conflict('identity_linked_elsewhere', 'This identity provider account is already linked to another user.');
    if (created) {
      await recordAudit(app.sequelize, transaction, {
        actor: principal,
        action: 'user.identity.link',
        entityType: 'user',
        entityId: principal.userId,
        before: null,
        after: { issuer: link.issuer, subject: link.subject, email: link.email },
        requestId: input.requestId,
      });
    }
    return { link, created };
  });
}

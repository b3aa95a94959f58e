// A signed-in user's own account (password, linked identity provider accounts), and ending every
// token of a user. Routes of a few lines: the work is in account-service.ts and identity-service.ts.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { changePassword, endUserTokens } from './account-service.js';
import { linkIdentity } from './identity-service.js';
import { ROLES } from './principal.js';
import { accessTokenResponse, identityLinkResponse, userResponse } from './auth-response-schemas.js';

export const accountRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/me/password',
    operationId: 'changePassword',
    problemCodes: { 409: ['no_password', 'password_changed'], 422: ['wrong_password'] },
    response: accessTokenResponse,
    tag: 'Auth',
    summary: 'Change your password; every other token of yours ends, and a fresh token is returned',
    auth: ROLES,
    body: z
      .object({
        currentPassword: z.string().min(1).max(200),
        // The minimum depends on the role (8 for citizens, 12 for staff): checked by the service.
        newPassword: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
      })
      .strict(),
    errors: [409, 422, 429],
    handle: ({ app, body, principal, clientAddress, requestId }) => changePassword(app, principal, { ...body, clientAddress, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/me/identities',
    operationId: 'linkIdentity',
    problemCodes: {
      403: ['provider_sign_in_not_allowed'],
      409: ['identity_linked_elsewhere'],
      422: ['identity_provider_not_configured', 'invalid_provider_token', 'email_not_verified'],
    },
    response: identityLinkResponse,
    tag: 'Auth',
    summary: 'Link your identity provider account (its ID token in the body), so its tokens sign you in',
    auth: ROLES,
    body: z.object({ idToken: z.string().min(1).max(8192) }).strict(),
    status: 201,
    errors: [403, 409, 422, 503],
    handle: async ({ app, body, principal, requestId }) => {
      const { link, created } = await linkIdentity(app, principal, { idToken: body.idToken, requestId });
      return { status: created ? 201 : 200, body: link };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/:id/tokens/end',
    operationId: 'endUserTokens',
    response: userResponse,
    tag: 'Auth',
    summary: 'End every token of a user (a lost device, a leaked token); they sign in again',
    auth: ['admin'],
    params: idParams,
    errors: [404],
    handle: ({ app, params, principal, requestId }) => endUserTokens(app, principal, { userId: params.id, requestId }),
  }),
];

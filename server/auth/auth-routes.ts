import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { accessTokenResponse } from './auth-response-schemas.js';
import { checkLogin } from './login-throttle.js';
import { recordSignIn } from './sign-in-history.js';
import { issueAccessToken } from './tokens.js';
import { principalOf } from './user-store.js';

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/auth/token',
    operationId: 'createToken',
    tag: 'Auth',
    summary: 'Exchange e-mail and password for a short-lived bearer token',
    auth: 'public',
    errors: [401, 429, 503],
    body: z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }).strict(),
    response: accessTokenResponse,
    problemCodes: { 401: ['invalid_credentials'], 429: ['too_many_attempts'], 503: ['database_unavailable'] },
    example: {
      request: { email: 'staff@centre.example', password: 'correct horse battery staple' },
      response: { accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…', tokenType: 'Bearer', expiresIn: 900 },
    },
    handle: async ({ app, body, clientAddress }) => {
      // A disabled user is refused there, as a wrong password is.
      const user = await checkLogin(app, { email: body.email, password: body.password, clientAddress });
      await recordSignIn(app, { userId: user.id, method: 'password', channel: 'api', clientAddress });
      return issueAccessToken(app.config, principalOf(user), user.token_version);
    },
  }),
];

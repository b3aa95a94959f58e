import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute } from '../http/route.js';
import { clearFailures, recordFailure, refuseIfLocked } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { issueAccessToken } from './tokens.js';
import { findUserByEmail, principalOf } from './user-store.js';

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/auth/token',
    tag: 'Auth',
    summary: 'Exchange e-mail and password for a short-lived bearer token',
    auth: 'public',
    errors: [401, 429],
    body: z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }).strict(),
    handle: async ({ app, body }) => {
      const email = body.email.toLowerCase();
      const now = app.clock.now();
      await refuseIfLocked(app.sequelize, email, now);
      const user = await findUserByEmail(app.sequelize, email);
      if (!(await verifyPassword(body.password, user?.password_hash ?? null)) || !user) {
        await recordFailure(app.sequelize, app.config, email, now);
        throw new AppError(401, 'invalid_credentials', 'The e-mail or password is not right.');
      }
      await clearFailures(app.sequelize, email);
      return issueAccessToken(app.config, principalOf(user));
    },
  }),
];

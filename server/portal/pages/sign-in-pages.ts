// Sign-in with e-mail and password, through the same check as the API's POST /v1/auth/token
// (checkLogin: the same throttling per address and per account, disabled users refused alike),
// then a new session for the user and their role's home. Sign-out is a POST (with its CSRF token).
import { z } from 'zod';
import { endAssistedSession } from '../../assisted/assisted.js';
import { checkLogin } from '../../auth/login-throttle.js';
import { AppError } from '../../errors.js';
import { fieldProblem, parseForm } from '../form-errors.js';
import { HOMES } from '../navigation.js';
import { definePage } from '../page.js';
import { endSignedInSession, startSignedInSession } from '../session.js';

const signInForm = z.object({
  email: z.email({ error: 'login.errors.email' }).max(254, { error: 'login.errors.email' }),
  password: z
    .string({ error: 'login.errors.password' })
    .min(1, { error: 'login.errors.password' })
    .max(200, { error: 'login.errors.password' }),
});

/** The refusals of checkLogin a visitor can cause, as the page says them. */
const REFUSALS: Record<number, string> = { 401: 'login.errors.invalid', 429: 'login.errors.tooMany', 503: 'login.errors.busy' };

export const signInPages = [
  definePage({
    method: 'get',
    path: '/login',
    access: 'public',
    handle: ({ user, render, redirect }) => (user ? redirect(HOMES[user.role]) : render('pages/login.njk')),
  }),
  definePage({
    method: 'post',
    path: '/login',
    access: 'public',
    handle: async ({ app, body, t, clientAddress, req, render, redirect }) => {
      const form = parseForm(signInForm, body, t);
      const email = typeof (body as { email?: unknown }).email === 'string' ? (body as { email: string }).email : '';
      if (!form.ok) return render('pages/login.njk', { errors: form.errors, email }, 400);
      try {
        const user = await checkLogin(app, { ...form.value, clientAddress });
        await startSignedInSession(req, { id: user.id, role: user.role, tokenVersion: user.token_version }, app.clock.now().getTime(), {
          app,
          method: 'password',
          clientAddress,
        });
        redirect(HOMES[user.role]);
      } catch (error) {
        const refusal = error instanceof AppError ? REFUSALS[error.status] : undefined;
        if (!refusal || !(error instanceof AppError)) throw error;
        const minutes = Math.max(1, Math.ceil(Number(error.extra.retryAfterSeconds ?? 60) / 60));
        render('pages/login.njk', { errors: fieldProblem('email', t(refusal, { minutes })), email }, error.status);
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/logout',
    access: 'public',
    handle: async ({ app, user, req, requestId, redirect }) => {
      // Signing out while acting for a citizen ends that too: nobody picks it up at the counter later.
      const assisted = user?.assistedBy;
      if (assisted) await endAssistedSession(app, { userId: assisted.userId, role: 'admin' }, assisted.sessionId, requestId);
      await endSignedInSession(req);
      redirect('/');
    },
  }),
];

// CSRF: a synchroniser token kept in the session (csrf-sync). Every form posts it as `_csrf`
// (the layout's `csrfField()`); any POST without the session's token is refused with 403 before
// its handler runs. A session gets its token on the first page that shows a form, and a new one
// at sign-in, when the session itself is renewed.
import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';

const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof sent === 'string' ? sent : undefined;
  },
});

export const csrfProtection = csrf.csrfSynchronisedProtection;

/** The session's token, made on first use. */
export const csrfTokenFor = (req: Request) => csrf.generateToken(req);

export const isCsrfRefusal = (error: unknown) => error === csrf.invalidCsrfTokenError;

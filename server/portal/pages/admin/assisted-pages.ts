// Assisted digital (issue 18, point 7): an administrator acts for a citizen at the counter. The
// start page finds the citizen by the national number on the identity document they show and
// records how they agreed; from then on the administrator's session acts as the citizen's login
// (signed-in-user.ts), under a banner that says for whom and ends it, until it is ended, the
// administrator signs out, or ASSISTED_SESSION_MINUTES have passed. The assisted component
// audits every page asked for meanwhile, and what the services do, on behalf of the citizen.
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { CONSENTS, endAssistedSession, startAssistedSession } from '../../../assisted/assisted.js';
import { parseNationalId } from '../../../citizens/citizens.js';
import { notFound, ValidationError } from '../../../errors.js';
import { fieldProblem, parseForm } from '../../form-errors.js';
import { definePage } from '../../page.js';

const startForm = z.object({
  nationalId: z
    .string({ error: 'adminAssisted.errors.nationalId' })
    .trim()
    .max(40, { error: 'adminAssisted.errors.nationalId' })
    .transform((text, ctx) => {
      const parsed = parseNationalId(text);
      if (parsed.ok) return parsed.id.value;
      ctx.addIssue({ code: 'custom', message: 'adminAssisted.errors.nationalId' });
      return z.NEVER;
    }),
  consent: z.enum(CONSENTS, { error: 'adminAssisted.errors.consent' }),
  consentNote: z
    .string({ error: 'adminAssisted.errors.consentNote' })
    .trim()
    .min(1, { error: 'adminAssisted.errors.consentNote' })
    .max(500, { error: 'adminAssisted.errors.consentNoteLong' }),
});

const VIEW = 'pages/admin/assisted/start.njk';
/** The consents to choose from, and how long a session may last. */
const startContext = (app: AppContext) => ({
  consents: CONSENTS.map((value) => ({ value })),
  minutes: app.config.portal.assistedSeconds / 60,
});

/** What was typed, to show again beside the errors. */
const typed = (body: unknown) => {
  const form = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  return { nationalId: text('nationalId'), consent: text('consent'), consentNote: text('consentNote') };
};

export const assistedPages = [
  definePage({
    method: 'get',
    path: '/admin/assisted',
    access: ['admin'],
    handle: ({ app, query, render }) => render(VIEW, { ...startContext(app), form: typed({}), ended: query.ended === '1' }),
  }),
  definePage({
    method: 'post',
    path: '/admin/assisted',
    access: ['admin'],
    handle: async ({ app, user, body, t, req, requestId, render, redirect }) => {
      const form = parseForm(startForm, body, t);
      if (!form.ok) return render(VIEW, { ...startContext(app), form: typed(body), errors: form.errors }, 400);
      try {
        const session = await startAssistedSession(app, user, form.value, requestId);
        req.session.assisting = session.id;
        redirect('/citizen');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        render(
          VIEW,
          { ...startContext(app), form: typed(body), errors: fieldProblem('nationalId', t('adminAssisted.errors.unknown')) },
          422,
        );
      }
    },
  }),
  // Reached from the banner while acting as the citizen, so it is a citizen page that only an assisted session may use.
  definePage({
    method: 'post',
    path: '/assisted/end',
    access: ['citizen'],
    handle: async ({ app, user, req, requestId, redirect }) => {
      const assisted = user.assistedBy;
      if (!assisted) throw notFound('Page');
      await endAssistedSession(app, { userId: assisted.userId, role: 'admin' }, assisted.sessionId, requestId);
      delete req.session.assisting;
      redirect('/admin/assisted?ended=1');
    },
  }),
];

// The language switch: a plain link (no JavaScript, nothing to post) that keeps the choice in a
// cookie for a year and goes back to the page it came from, on this site only. A signed-in user
// gets their e-mails in the chosen language from then on too.
import { z } from 'zod';
import { setNotificationLanguage } from '../../notifications/notifications.js';
import { LANGUAGES } from '../../shared/language.js';
import { LANGUAGE_COOKIE } from '../i18n.js';
import { definePage } from '../page.js';

const ONE_YEAR_MS = 365 * 86_400_000;
const switchQuery = z.object({
  to: z.enum(LANGUAGES),
  // A local path only: '//host' or '/\host' would leave the site.
  back: z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])/)
    .catch('/'),
});

export const languagePages = [
  definePage({
    method: 'get',
    path: '/language',
    access: 'public',
    handle: async ({ app, user, query, res, redirect }) => {
      const parsed = switchQuery.safeParse(query);
      if (!parsed.success) return redirect('/');
      // Signed in, the switch also chooses the language of the user's e-mails.
      if (user) await setNotificationLanguage(app.sequelize, user.userId, parsed.data.to);
      res.cookie(LANGUAGE_COOKIE, parsed.data.to, {
        maxAge: ONE_YEAR_MS,
        sameSite: 'lax',
        httpOnly: true,
        secure: app.config.env === 'production',
        path: '/',
      });
      redirect(parsed.data.back);
    },
  }),
];

// The citizen's notifications (issue 16, journey 7): newest first, page by page, the unread ones
// marked, each or all marked read with a plain form; and the language their e-mails come in, set
// here or by switching the portal's language while signed in (language-pages.ts). The same
// notifications service as the API's GET /v1/me/notifications.
import { z } from 'zod';
import { AppError, notFound } from '../../../errors.js';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationLanguage,
  setNotificationLanguage,
} from '../../../notifications/notifications.js';
import { LANGUAGES } from '../../../shared/language.js';
import { parseForm } from '../../form-errors.js';
import { definePage } from '../../page.js';

const PAGE_SIZE = 20;
const LIST = '/citizen/notifications';

// A cursor the list issued, carried through the mark-as-read form so the reader stays on their page.
const cursorField = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);
const backTo = (body: unknown) => {
  const cursor = cursorField.safeParse((body as { cursor?: unknown } | undefined)?.cursor);
  return cursor.success ? `${LIST}?cursor=${cursor.data}` : LIST;
};

const languageForm = z.object({ language: z.enum(LANGUAGES, { error: 'notices.settings.errors.language' }) });

export const noticePages = [
  definePage({
    method: 'get',
    path: LIST,
    access: ['citizen'],
    handle: async ({ app, user, query, format, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = await listNotifications(app.sequelize, user, { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor this list did not issue: the page does not exist.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      render('pages/citizen/notices/list.njk', {
        notices: page.items.map((notice) => ({ ...notice, date: format.date(notice.createdAt), unread: notice.readAt === null })),
        nextCursor: page.nextCursor,
        cursor,
      });
    },
  }),
  definePage({
    method: 'post',
    path: `${LIST}/:id/read`,
    access: ['citizen'],
    handle: async ({ app, user, params, body, redirect }) => {
      if (!/^\d{1,18}$/.test(params.id ?? '')) throw notFound('Page');
      await markNotificationRead(app.sequelize, user, params.id as string, app.clock.now());
      redirect(backTo(body));
    },
  }),
  definePage({
    method: 'post',
    path: `${LIST}/read-all`,
    access: ['citizen'],
    handle: async ({ app, user, redirect }) => {
      await markAllNotificationsRead(app.sequelize, user, app.clock.now());
      redirect(LIST);
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/settings/email',
    access: ['citizen'],
    handle: async ({ app, user, query, render }) =>
      render('pages/citizen/notices/email-language.njk', {
        chosen: (await notificationLanguage(app.sequelize, user.userId)) ?? 'en',
        saved: query.saved === '1',
      }),
  }),
  definePage({
    method: 'post',
    path: '/citizen/settings/email',
    access: ['citizen'],
    handle: async ({ app, user, body, t, render, redirect }) => {
      const form = parseForm(languageForm, body, t);
      if (!form.ok) return render('pages/citizen/notices/email-language.njk', { errors: form.errors }, 400);
      await setNotificationLanguage(app.sequelize, user.userId, form.value.language);
      redirect('/citizen/settings/email?saved=1');
    },
  }),
];

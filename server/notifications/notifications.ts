// Telling people what happened to them: a row per message, written in the caller's transaction
// so a notification exists exactly when the change it reports was committed. Addressed either to
// one user (a citizen of their session, a centre of its statement) or to every administrator.
// Each notification also queues its e-mails in that transaction (email_outbox), which the
// send-emails job drains.
// The public module of the notifications component: other components notify through it.
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Language } from '../shared/language.js';
import { drainOutbox } from './email-drain-job.js';
import { findNotificationLanguage, upsertNotificationLanguage } from './email-outbox-store.js';
import { emailTexts } from './email-text.js';
import * as reading from './notification-read.js';
import { insertNotification } from './notification-store.js';

export type Notification = {
  userId?: string;
  role?: 'admin';
  kind: string;
  subject: string;
  body: string;
  data?: Record<string, unknown>;
};

export async function notify(sequelize: Sequelize, transaction: Transaction | undefined, notification: Notification): Promise<string> {
  if ((notification.userId === undefined) === (notification.role === undefined)) {
    throw new Error('a notification is addressed to exactly one of userId or role');
  }
  return insertNotification(
    sequelize,
    {
      userId: notification.userId ?? null,
      role: notification.role ?? null,
      kind: notification.kind,
      subject: notification.subject,
      body: notification.body,
      data: notification.data ?? {},
    },
    emailTexts(notification),
    transaction,
  );
}

/** The language of a user's e-mails from now on (English until they choose). */
export const setNotificationLanguage = (sequelize: Sequelize, userId: string, language: Language) =>
  upsertNotificationLanguage(sequelize, userId, language);

/** The reader's own notifications, newest first, each with when they read it (the API's GET /v1/me/notifications). */
export const listNotifications = (...args: Parameters<typeof reading.listNotifications>) => reading.listNotifications(...args);

/** Marks one notification read (another's is a 404), or all of them. */
export const markNotificationRead = (...args: Parameters<typeof reading.markNotificationRead>) => reading.markNotificationRead(...args);
export const markAllNotificationsRead = (...args: Parameters<typeof reading.markAllNotificationsRead>) =>
  reading.markAllNotificationsRead(...args);

/** How many of the reader's notifications are unread (the portal's navigation shows it). */
export const unreadNotifications = (...args: Parameters<typeof reading.unreadNotifications>) => reading.unreadNotifications(...args);

/** The language a user chose for their e-mails, or undefined until they choose one. */
export const notificationLanguage = (sequelize: Sequelize, userId: string) => findNotificationLanguage(sequelize, userId);

export { registerOutboxMetrics } from './email-metrics.js';

export const notificationsJobs = [
  // E-mails of committed notifications leave; failed sends are retried with a growing wait.
  { name: 'send-emails', run: (app: AppContext, now: Date) => drainOutbox(app, now) },
];

// Telling people what happened to them: a row per message, written in the caller's transaction
// so a notification exists exactly when the change it reports was committed. Addressed either to
// one user (a citizen of their session, a centre of its statement) or to every administrator.
// The public module of the notifications component: other components notify through it.
import type { Sequelize, Transaction } from 'sequelize';
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
    transaction,
  );
}

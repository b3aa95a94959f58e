// Telling people what happened to them: a row per message, written in the caller's transaction
// so a notification exists exactly when the change it reports was committed. Addressed either to
// one user (a citizen of their session, a centre of its statement) or to every administrator.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

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
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO notifications (user_id, role, kind, subject, body, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
    [
      notification.userId ?? null,
      notification.role ?? null,
      notification.kind,
      notification.subject,
      notification.body,
      JSON.stringify(notification.data ?? {}),
    ],
    { transaction },
  );
  if (!row) throw new Error('notification insert returned no row');
  return row.id;
}

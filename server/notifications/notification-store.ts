// The notifications table: one row per message, never changed once written.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type NotificationRow = {
  id: string;
  role: string | null;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
};

export type NewNotification = {
  userId: string | null;
  role: string | null;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
};

export async function insertNotification(sequelize: Sequelize, notification: NewNotification, transaction: Transaction | undefined) {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO notifications (user_id, role, kind, subject, body, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
    [notification.userId, notification.role, notification.kind, notification.subject, notification.body, JSON.stringify(notification.data)],
    { transaction },
  );
  if (!row) throw new Error('notification insert returned no row');
  return row.id;
}

/** Addressed to the user or to their role, newest first, from before the id `before` when given. */
export function findNotificationsFor(
  sequelize: Sequelize,
  reader: { userId: string; role: string | null },
  page: { before: string | null; limit: number },
): Promise<NotificationRow[]> {
  return queryRows<NotificationRow>(
    sequelize,
    `SELECT id, role, kind, subject, body, data, created_at FROM notifications
     WHERE (user_id = $1 OR role = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [reader.userId, reader.role, page.before, page.limit],
  );
}

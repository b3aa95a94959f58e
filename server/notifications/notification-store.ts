// The notifications table: one row per message, never changed once written, with the e-mails it
// queues in email_outbox.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { EmailTexts } from './email-text.js';

export type NotificationRow = {
  id: string;
  role: string | null;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
  /** When the reader read it (notification_reads), or null. */
  read_at: Date | null;
};

export type NewNotification = {
  userId: string | null;
  role: string | null;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
};

/**
 * The notification and its e-mails in one statement, so neither exists without the other. A
 * notification to a user e-mails that user; one to a role e-mails every active (not disabled) user
 * of that role, each in their own language (English where they chose none).
 */
export async function insertNotification(
  sequelize: Sequelize,
  notification: NewNotification,
  email: EmailTexts,
  transaction: Transaction | undefined,
) {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `WITH notification AS (
       INSERT INTO notifications (user_id, role, kind, subject, body, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id
     ), emails AS (
       INSERT INTO email_outbox (notification_id, user_id, recipient, language, subject, body)
       SELECT n.id, u.id, u.email, l.language, $7, CASE l.language WHEN 'nl' THEN $8 ELSE $9 END
       FROM notification n, users u LEFT JOIN notification_preferences p ON p.user_id = u.id
       CROSS JOIN LATERAL (SELECT coalesce(p.language, 'en') AS language) l
       WHERE u.id = $1 OR ($1 IS NULL AND u.role = $2 AND u.disabled_at IS NULL)
     )
     SELECT id FROM notification`,
    [
      notification.userId,
      notification.role,
      notification.kind,
      notification.subject,
      notification.body,
      JSON.stringify(notification.data),
      email.subject,
      email.bodies.nl,
      email.bodies.en,
    ],
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
    `SELECT n.id, n.role, n.kind, n.subject, n.body, n.data, n.created_at, r.read_at FROM notifications n
     LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
     WHERE (n.user_id = $1 OR n.role = $2) AND ($3::bigint IS NULL OR n.id < $3)
     ORDER BY n.id DESC LIMIT $4`,
    [reader.userId, reader.role, page.before, page.limit],
  );
}

/** Marks one notification of the reader read (once: the first time stays); false when it is not theirs. */
export async function insertRead(sequelize: Sequelize, reader: { userId: string; role: string | null }, id: string, at: Date) {
  const rows = await queryRows<{ id: string }>(
    sequelize,
    `WITH own AS (SELECT id FROM notifications WHERE id = $1 AND (user_id = $2 OR role = $3)),
     marked AS (INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT id, $2, $4 FROM own ON CONFLICT DO NOTHING)
     SELECT id FROM own`,
    [id, reader.userId, reader.role, at],
  );
  return rows.length > 0;
}

/** Marks every notification of the reader read. */
export async function insertAllRead(sequelize: Sequelize, reader: { userId: string; role: string | null }, at: Date) {
  await queryRows(
    sequelize,
    `INSERT INTO notification_reads (notification_id, user_id, read_at)
     SELECT n.id, $1, $3 FROM notifications n
     WHERE (n.user_id = $1 OR n.role = $2)
       AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)
     ON CONFLICT DO NOTHING`,
    [reader.userId, reader.role, at],
  );
}

export async function countUnread(sequelize: Sequelize, reader: { userId: string; role: string | null }): Promise<number> {
  const [row] = await queryRows<{ unread: number }>(
    sequelize,
    `SELECT count(*)::int AS unread FROM notifications n
     WHERE (n.user_id = $1 OR n.role = $2)
       AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`,
    [reader.userId, reader.role],
  );
  return row?.unread ?? 0;
}

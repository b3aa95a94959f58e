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
    `SELECT id, role, kind, subject, body, data, created_at FROM notifications
     WHERE (user_id = $1 OR role = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [reader.userId, reader.role, page.before, page.limit],
  );
}

// A user's own notifications, newest first; administrators also see those addressed to their role.
import type { Sequelize } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { queryRows } from '../db/database.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';

type NotificationRow = {
  id: string;
  role: string | null;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
};

export type NotificationView = {
  id: string;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  /** 'user' when addressed to the reader personally, else the role it was addressed to. */
  audience: string;
  createdAt: string;
};

export async function listNotifications(
  sequelize: Sequelize,
  principal: Principal,
  page: { limit: number; cursor?: string },
): Promise<Page<NotificationView>> {
  const after = decodeIdCursor(page.cursor);
  const role = principal.role === 'admin' ? 'admin' : null;
  const rows = await queryRows<NotificationRow>(
    sequelize,
    `SELECT id, role, kind, subject, body, data, created_at FROM notifications
     WHERE (user_id = $1 OR role = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [principal.userId, role, after?.[0] ?? null, page.limit + 1],
  );
  return toPage(
    rows,
    page.limit,
    (row) => [row.id],
    (row) => ({
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      body: row.body,
      data: row.data,
      audience: row.role ?? 'user',
      createdAt: row.created_at.toISOString(),
    }),
  );
}

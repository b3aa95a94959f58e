// A user's own notifications, newest first; administrators also see those addressed to their role.
import type { Sequelize } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';
import { findNotificationsFor } from './notification-store.js';

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
  const rows = await findNotificationsFor(
    sequelize,
    { userId: principal.userId, role },
    { before: after?.[0] ?? null, limit: page.limit + 1 },
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

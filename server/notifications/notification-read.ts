// A user's own notifications, newest first; administrators also see those addressed to their role.
import type { Sequelize } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';
import { countUnread, findNotificationsFor, insertAllRead, insertRead } from './notification-store.js';

export type NotificationView = {
  id: string;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  /** 'user' when addressed to the reader personally, else the role it was addressed to. */
  audience: string;
  createdAt: string;
  /** When the reader marked it read, or null while it is unread. */
  readAt: string | null;
};

export async function listNotifications(
  sequelize: Sequelize,
  principal: Principal,
  page: { limit: number; cursor?: string },
): Promise<Page<NotificationView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await findNotificationsFor(sequelize, readerOf(principal), { before: after?.[0] ?? null, limit: page.limit + 1 });
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
      readAt: row.read_at?.toISOString() ?? null,
    }),
  );
}

/** Administrators also read what was sent to every administrator. */
const readerOf = (principal: Principal) => ({ userId: principal.userId, role: principal.role === 'admin' ? 'admin' : null });

/** Marks the reader's notification read; another's (or none) is a 404. */
export async function markNotificationRead(sequelize: Sequelize, principal: Principal, id: string, at: Date) {
  if (!(await insertRead(sequelize, readerOf(principal), id, at))) throw notFound('Notification');
}

export const markAllNotificationsRead = (sequelize: Sequelize, principal: Principal, at: Date) =>
  insertAllRead(sequelize, readerOf(principal), at);

export const unreadNotifications = (sequelize: Sequelize, principal: Principal) => countUnread(sequelize, readerOf(principal));

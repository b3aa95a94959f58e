import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { listNotifications, markNotificationRead } from './notification-read.js';
import { notificationPage } from './notification-response-schemas.js';

export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/notifications',
    operationId: 'listMyNotifications',
    response: notificationPage,
    tag: 'Notifications',
    summary: "The caller's notifications, newest first (administrators also see those sent to all administrators)",
    auth: ['citizen', 'centre', 'admin', 'auditor'],
    query: z.object({ ...pageQuery }).strict(),
    handle: async ({ app, query, principal }) => listNotifications(app.sequelize, principal, query),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/me/notifications/:id/read',
    operationId: 'markNotificationRead',
    tag: 'Notifications',
    summary: 'Mark one of your notifications read (the first time it was read is kept)',
    auth: ['citizen', 'centre', 'admin', 'auditor'],
    params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a notification id') }).strict(),
    status: 204,
    errors: [404],
    handle: ({ app, params, principal }) => markNotificationRead(app.sequelize, principal, params.id, app.clock.now()),
  }),
];

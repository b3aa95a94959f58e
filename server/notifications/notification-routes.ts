import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { listNotifications } from './notification-read.js';

export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/notifications',
    tag: 'Notifications',
    summary: "The caller's notifications, newest first (administrators also see those sent to all administrators)",
    auth: ['citizen', 'centre', 'admin', 'auditor'],
    query: z.object({ ...pageQuery }).strict(),
    handle: async ({ app, query, principal }) => listNotifications(app.sequelize, principal, query),
  }),
];

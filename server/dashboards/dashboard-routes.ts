// GET /v1/programmes/:code/dashboard: a programme's dashboard for administrators and auditors, and
// for the software that watches the programmes (the portal's dashboard page shows the same figures).
import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { defineRoute } from '../http/route.js';
import { dateSchema, programmeCodeSchema } from '../http/schemas.js';
import { INTERVALS, periodError, periodOf } from './dashboard-period.js';
import { dashboardResponse } from './dashboard-response-schemas.js';
import { programmeDashboard } from './dashboard-service.js';

export const dashboardRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/dashboard',
    operationId: 'getProgrammeDashboard',
    response: dashboardResponse,
    tag: 'Programmes',
    summary:
      "A programme's dashboard over a period (from, to; the twelve months to today by default; at most 731 days): its budget funded, committed, paid and left at the end of each month or week, claims per day, places and window budgets left, the budget alerts, and how many claims reached their first use and their close",
    auth: STAFF_READERS,
    params: z.object({ code: programmeCodeSchema }).strict(),
    query: z.object({ from: dateSchema.optional(), to: dateSchema.optional(), interval: z.enum(INTERVALS).optional() }).strict(),
    errors: [400, 404],
    problemCodes: { 400: ['validation_failed'], 404: ['not_found'] },
    handle: async ({ app, params, query }) => {
      const { period, problem } = periodOf(query, app.clock.today());
      if (problem) throw periodError(problem);
      return programmeDashboard(app, params.code, period);
    },
  }),
];

// The programme dashboards for administrators and auditors (issue 18, item 1): read only, the same
// service as GET /v1/programmes/:code/dashboard. /admin/dashboards lists the programmes, each
// linking to its dashboard; a dashboard picks its period with a GET form, and a bad period is
// named in the error summary (400).
import { STAFF_READERS } from '../../../auth/principal.js';
import { programmeDashboard } from '../../../dashboards/dashboards.js';
import { AppError, notFound } from '../../../errors.js';
import { programmeCodeSchema } from '../../../http/schemas.js';
import { describeProgrammes, findProgramme } from '../../../programmes/programmes.js';
import { definePage } from '../../page.js';
import { dashboardView, periodAsked, periodValues } from './dashboard-view.js';

const PAGE_SIZE = 50;

export const dashboardPages = [
  definePage({
    method: 'get',
    path: '/admin/dashboards',
    access: STAFF_READERS,
    handle: async ({ app, query, t, language, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await describeProgrammes(app, { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor this list did not issue: the page does not exist.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      render('pages/admin/dashboards/list.njk', {
        programmes: found.items.map((programme) => ({
          code: programme.code,
          name: programme.names[language],
          kind: t(`adminDashboard.kinds.${programme.kind}`),
        })),
        nextCursor: found.nextCursor,
        cursor,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/programmes/:code/dashboard',
    access: STAFF_READERS,
    handle: async ({ app, params, query, t, format, language, render }) => {
      const code = programmeCodeSchema.safeParse(params.code);
      if (!code.success) throw notFound('Programme');
      const programme = await findProgramme(app.sequelize, code.data);
      if (!programme) throw notFound('Programme');
      const today = app.clock.today();
      const values = periodValues(query, today);
      const asked = periodAsked(values, today, t);
      const shown = {
        path: `/admin/programmes/${programme.code}/dashboard`,
        values,
        name: language === 'nl' ? programme.nameNl : programme.name,
      };
      if (!asked.ok) return render('pages/admin/dashboards/dashboard.njk', { ...shown, errors: asked.errors }, 400);
      const dashboard = await programmeDashboard(app, programme.code, asked.value);
      render('pages/admin/dashboards/dashboard.njk', { ...shown, dashboard: dashboardView(dashboard, { t, format, language }) });
    },
  }),
];

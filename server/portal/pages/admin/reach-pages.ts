// Reach and centre monitoring for administrators and auditors (issue 18, items 8 and 9): read only,
// the same services as GET /v1/programmes/:code/reach and GET /v1/monitoring/centres. Each page
// picks a programme and a period with a GET form; a bad date is named in the error summary.
import { AppError, notFound } from '../../../errors.js';
import { STAFF_READERS } from '../../../auth/principal.js';
import { centreMonitoring, programmeReach } from '../../../oversight/oversight.js';
import { definePage } from '../../page.js';
import { monitoringRowView, reachView } from './reach-view.js';
import { periodQueryOf, periodQueryString, periodValues, programmeChoices } from './oversight-view.js';

const MONITORING_PAGE_SIZE = 25;

export const reachPages = [
  definePage({
    method: 'get',
    path: '/admin/reach',
    access: STAFF_READERS,
    handle: async ({ app, query, t, format, language, render }) => {
      const programmes = await programmeChoices(app, language);
      const values = periodValues(query, app.clock.today());
      values.programme ||= programmes[0]?.code ?? '';
      const asked = periodQueryOf(values, t, { programmes: programmes.map(({ code }) => code), programmeRequired: true });
      const form = { values, programmes };
      if (!asked.ok) return render('pages/admin/reach/reach.njk', { ...form, errors: asked.errors }, 400);
      const report = await programmeReach(app.sequelize, asked.value.programme!, asked.value);
      const name = programmes.find(({ code }) => code === report.programme)?.name ?? report.programme;
      render('pages/admin/reach/reach.njk', { ...form, report: reachView(report, name, { t, format }) });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/monitoring',
    access: STAFF_READERS,
    handle: async ({ app, query, t, format, language, render }) => {
      // Only programmes of cheques have centres delivering sessions on them.
      const programmes = (await programmeChoices(app, language)).filter(({ kind }) => kind === 'hours_voucher');
      const values = periodValues(query, app.clock.today());
      const asked = periodQueryOf(values, t, { programmes: programmes.map(({ code }) => code), programmeRequired: false });
      const form = { values, programmes };
      if (!asked.ok) return render('pages/admin/monitoring/centres.njk', { ...form, errors: asked.errors }, 400);
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await centreMonitoring(app.sequelize, { ...asked.value, limit: MONITORING_PAGE_SIZE, cursor }).catch(
        (error: unknown) => {
          // A cursor this list did not issue: the page does not exist.
          if (error instanceof AppError && error.status === 400) throw notFound('Page');
          throw error;
        },
      );
      render('pages/admin/monitoring/centres.njk', {
        ...form,
        period: { from: format.date(asked.value.from), to: format.date(asked.value.to) },
        centres: found.items.map((row) => monitoringRowView(row, format)),
        // Keyset pages: onwards by the cursor, or back to the first page.
        pagination: {
          previous: cursor ? { href: `/admin/monitoring?${periodQueryString(values)}` } : undefined,
          next: found.nextCursor ? { href: `/admin/monitoring?${periodQueryString(values, { cursor: found.nextCursor })}` } : undefined,
        },
      });
    },
  }),
];

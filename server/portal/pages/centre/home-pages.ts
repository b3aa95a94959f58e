// The centre's home (issue 17, journey 1): what needs doing, soonest first. Applications to verify
// before their deadline (a provider's), cheques in use with hours left (the soonest to expire
// first), disputes raised against the centre's sessions (the oldest first) and statements still
// open to check; each from the service its API route uses, in process.
import { listCentreApplicationViews } from '../../../applications/applications.js';
import { centreStatements } from '../../../settlement/settlement.js';
import { centreVouchersInUse, openDisputesAtCentre } from '../../../vouchers/vouchers.js';
import { definePage } from '../../page.js';
import { centreOf, isRestricted } from './centre-view.js';

/** Rows per list on the home page: the rest waits on the lists' own pages. */
const HOME_LIST = 20;

export const centreHomePages = [
  definePage({
    method: 'get',
    path: '/centre',
    access: ['centre'],
    handle: async ({ app, user, t, format, render, res }) => {
      const centreId = centreOf(user);
      const applications = await listCentreApplicationViews(app.sequelize, {
        centreId,
        status: 'pending_verification',
        offset: 0,
        limit: HOME_LIST,
      });
      const cheques = await centreVouchersInUse(app, centreId);
      const disputes = await openDisputesAtCentre(app, centreId);
      const statements = await centreStatements(app.sequelize, centreId, { limit: HOME_LIST });
      const openStatements = statements.items.filter((statement) => statement.status === 'open');
      // Beyond the first rows the home says how many more wait, and where the whole list is.
      const more = (total: number) => (total > HOME_LIST ? t('centre.home.more', { count: total - HOME_LIST }) : undefined);
      render('pages/centre/home.njk', {
        restricted: isRestricted(res.locals.centreStanding),
        more: { applications: more(applications.total), cheques: more(cheques.length), disputes: more(disputes.length) },
        applications: applications.items.map((application) => ({
          reference: application.reference,
          applicant: application.applicant.name,
          course: application.course.title,
          verifyBy: format.date(application.verifyBy),
        })),
        cheques: cheques.slice(0, HOME_LIST).map((cheque) => ({
          code: cheque.code,
          remaining: t('centre.hoursValue', { hours: format.hours(cheque.remainingHours?.amount ?? '0') }),
          validUntil: cheque.validUntil ? format.date(cheque.validUntil) : '',
        })),
        disputes: disputes.slice(0, HOME_LIST).map((dispute) => ({
          code: dispute.voucherCode ?? '',
          sessionDate: format.date(dispute.sessionDate),
          raisedOn: format.date(dispute.createdAt),
          reason: dispute.reason,
        })),
        statements: openStatements.map((statement) => ({
          id: statement.id,
          periodEnd: format.date(statement.periodEnd),
          total: format.money(statement.total.amount, statement.total.currency),
        })),
      });
    },
  }),
];

// A citizen's application to a course: its status and deadlines, the confirmation after applying
// (the reference and what happens next), why the provider refused it if it did, and cancelling it
// while that is allowed (before the provider claims it), through the same services as
// GET /v1/applications/:reference and POST /v1/applications/:reference/cancel. Anyone else's
// application is the portal's 404.
import { cancelApplication, readApplication } from '../../../applications/applications.js';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import { fieldProblem } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { CANCELLABLE } from './account-view-model.js';

/** References are short codes; anything longer names no application. */
const reference = (params: Record<string, string>) => (params.reference ?? '').slice(0, 64);

async function shownApplication(app: AppContext, user: Principal, ref: string, t: Translate, format: Formats) {
  const application = await readApplication(app, user, ref);
  const money = (value: { amount: string; currency: string }) => format.money(value.amount, value.currency);
  return {
    reference: application.reference,
    statusCode: application.status,
    status: t(`courses.status.${application.status}`),
    course: application.course.title,
    qualification: application.course.qualification,
    provider: application.provider.name,
    price: money(application.course.price),
    funded: money(application.fundedAmount),
    learnerPart: money(application.learnerPart),
    appliedOn: format.date(application.appliedOn),
    verifyBy: format.date(application.verifyBy),
    courseStart: application.claim?.courseStartDate ? format.date(application.claim.courseStartDate) : t('account.notYet'),
    entitlementId: application.entitlementId,
    cancellable: CANCELLABLE.includes(application.status),
    refusalReason: application.refusal?.reason,
  };
}

export const applicationPages = [
  definePage({
    method: 'get',
    path: '/citizen/applications/:reference',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, render }) =>
      render('pages/citizen/courses/application.njk', { application: await shownApplication(app, user, reference(params), t, format) }),
  }),
  definePage({
    method: 'get',
    path: '/citizen/applications/:reference/confirmation',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, render }) =>
      render('pages/citizen/courses/confirmation.njk', { application: await shownApplication(app, user, reference(params), t, format) }),
  }),
  definePage({
    method: 'get',
    path: '/citizen/applications/:reference/cancel',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, render }) => {
      const application = await shownApplication(app, user, reference(params), t, format);
      if (!application.cancellable) throw notFound('Application');
      render('pages/citizen/courses/cancel.njk', { application });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/applications/:reference/cancel',
    access: ['citizen'],
    handle: async ({ app, user, params, requestId, t, format, render, redirect }) => {
      const ref = reference(params);
      try {
        const cancelled = await cancelApplication(app, { principal: user, reference: ref, requestId });
        redirect(`/citizen/applications/${cancelled.reference}/cancelled`);
      } catch (error) {
        // Claimed, lapsed or refused in the meantime: no longer cancellable, which the page says.
        if (!(error instanceof AppError) || error.status !== 409) throw error;
        const application = await shownApplication(app, user, ref, t, format);
        render(
          'pages/citizen/courses/application.njk',
          { application, errors: fieldProblem('status', t('courses.cancel.notAllowed')) },
          409,
        );
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/applications/:reference/cancelled',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, render }) => {
      const application = await shownApplication(app, user, reference(params), t, format);
      if (application.statusCode !== 'cancelled') throw notFound('Application');
      render('pages/citizen/courses/cancelled.njk', { application });
    },
  }),
];

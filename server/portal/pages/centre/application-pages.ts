// A centre's applications (issue 17, journey 3): what it must verify, soonest deadline first, and
// what it may claim; an application reached from the list or by the reference the applicant handed
// over (only the centre's own: any other answers the portal's 404); verifying the evidence; claiming
// the funded amount once the course has started (the start date as three fields), idempotent by a
// key written when the claim form renders, as POST /v1/centres/:centreId/applications/:reference/claim
// is by its Idempotency-Key; refusing it with a reason the applicant is shown, until it is claimed;
// and what will be paid. The services are the API routes' own.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  claimApplicationFunding,
  listCentreApplicationViews,
  readApplication,
  refuseApplication,
  verifyApplication,
} from '../../../applications/applications.js';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import { requestFingerprint, runIdempotent } from '../../../http/idempotency.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { paginationOf } from '../../pagination.js';

/** Applications per page of the list. */
const PAGE_SIZE = 20;
const LISTS = { verify: 'pending_verification', claim: 'verified' } as const;

/** References are short codes; anything longer names no application. */
const referenceOf = (text: string | undefined) => (text ?? '').trim().toUpperCase().slice(0, 64);

/** A centre user always acts for one centre; one without names none, so sees nothing. */
const centreOf = (user: Principal) => {
  if (!user.centreId) throw notFound('Application');
  return user.centreId;
};

type Shown = { t: Translate; format: Formats };

async function shownApplication(app: AppContext, user: Principal, reference: string, { t, format }: Shown) {
  const application = await readApplication(app, user, reference);
  const money = (value: { amount: string; currency: string }) => format.money(value.amount, value.currency);
  return {
    reference: application.reference,
    statusCode: application.status,
    status: t(`provider.applications.status.${application.status}`),
    applicant: application.applicant.name,
    course: application.course.title,
    qualification: application.course.qualification,
    price: money(application.course.price),
    funded: money(application.fundedAmount),
    learnerPart: money(application.learnerPart),
    appliedOn: format.date(application.appliedOn),
    appliedOnIso: application.appliedOn,
    verifyBy: format.date(application.verifyBy),
    courseStart: application.claim?.courseStartDate ? format.date(application.claim.courseStartDate) : undefined,
    refusalReason: application.refusal?.reason,
  };
}

/** What the provider may still refuse: anything it has not claimed and that has not ended. */
const REFUSABLE = ['pending_verification', 'verified'];

const refuseForm = z.object({
  reason: z
    .string({ error: 'provider.applications.errors.reason' })
    .trim()
    .min(1, { error: 'provider.applications.errors.reason' })
    .max(500, { error: 'provider.applications.errors.reasonLength' }),
});

const listQuery = z.object({
  list: z.enum(['verify', 'claim']).catch('verify'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const findForm = z.object({ reference: z.string().trim().min(1, { error: 'provider.applications.errors.reference' }).max(64) });

const dayPart = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
const claimForm = z
  .object({
    key: z.uuid({ error: 'provider.applications.errors.key' }),
    'courseStartDate-day': dayPart(31),
    'courseStartDate-month': dayPart(12),
    'courseStartDate-year': dayPart(9999).pipe(z.number().min(2000)),
  })
  .transform((form, ctx) => {
    const iso = `${String(form['courseStartDate-year'])}-${String(form['courseStartDate-month']).padStart(2, '0')}-${String(form['courseStartDate-day']).padStart(2, '0')}`;
    // 31 February reads back as another day: not a date.
    if (new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
      ctx.addIssue({ code: 'custom', path: ['courseStartDate-day'], message: 'provider.applications.errors.date' });
      return z.NEVER;
    }
    return { key: form.key, courseStartDate: iso };
  });

/** Any problem with one of the three date fields is one problem of the date, linked to its first field. */
function dateErrors(errors: FormErrors, t: Translate): FormErrors {
  const dateProblem = Object.keys(errors.fields).some((field) => field.startsWith('courseStartDate-'));
  if (!dateProblem) return errors;
  const text = t('provider.applications.errors.date');
  return {
    summary: [{ text, href: '#courseStartDate-day' }, ...errors.summary.filter((item) => !item.href.startsWith('#courseStartDate-'))],
    fields: { ...errors.fields, courseStartDate: { text } },
  };
}

/** The claim's Idempotency-Key claimed as the API's route claims it, so the same key through either answers alike. */
const claimOf = (user: Principal, centreId: string, reference: string, key: string, courseStartDate: string) => {
  const path = `/v1/centres/${centreId}/applications/${reference}/claim`;
  return { scope: `user:${user.userId}`, key, fingerprint: requestFingerprint('POST', path, { courseStartDate }), instance: path };
};

/** The date fields as typed, to show them again with the error. */
const typedDate = (body: unknown) => {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  return { day: text('courseStartDate-day'), month: text('courseStartDate-month'), year: text('courseStartDate-year') };
};

/** The refusals of verifying that the catalogue words (any other reads as 'nothing was changed'). */
const VERIFY_PROBLEMS = [
  'verification_deadline_passed',
  'centre_not_accredited',
  'application_claimed',
  'application_lapsed',
  'application_cancelled',
];

const CLAIM_PROBLEMS: Record<string, string> = {
  course_not_started: 'provider.applications.errors.notStarted',
  validation_failed: 'provider.applications.errors.beforeApplied',
};

export const centreApplicationPages = [
  definePage({
    method: 'get',
    path: '/centre/applications',
    access: ['centre'],
    handle: async ({ app, user, query, format, render }) => {
      const { list, page } = listQuery.parse(query);
      const found = await listCentreApplicationViews(app.sequelize, {
        centreId: centreOf(user),
        status: LISTS[list],
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const pages = Math.ceil(found.total / PAGE_SIZE);
      const hrefOf = (number: number) => `/centre/applications?list=${list}&page=${String(number)}`;
      render('pages/centre/applications/list.njk', {
        list,
        total: found.total,
        applications: found.items.map((application) => ({
          reference: application.reference,
          applicant: application.applicant.name,
          course: application.course.title,
          funded: format.money(application.fundedAmount.amount, application.fundedAmount.currency),
          verifyBy: format.date(application.verifyBy),
          appliedOn: format.date(application.appliedOn),
        })),
        pagination: paginationOf(page, pages, hrefOf),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/applications/find',
    access: ['centre'],
    handle: async ({ app, user, query, t, render, redirect }) => {
      if (query.reference === undefined) return render('pages/centre/applications/find.njk', { asked: '' });
      const form = parseForm(findForm, query, t);
      const asked = typeof query.reference === 'string' ? query.reference.slice(0, 64) : '';
      if (!form.ok) return render('pages/centre/applications/find.njk', { asked, errors: form.errors }, 400);
      const reference = referenceOf(form.value.reference);
      try {
        await readApplication(app, user, reference);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 404) throw error;
        // The same answer for an unknown reference and another centre's: references cannot be probed.
        return render(
          'pages/centre/applications/find.njk',
          { asked, errors: fieldProblem('reference', t('provider.applications.errors.unknown')) },
          404,
        );
      }
      redirect(`/centre/applications/${reference}`);
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/applications/:reference',
    access: ['centre'],
    handle: async ({ app, user, params, query, t, format, render }) =>
      render('pages/centre/applications/application.njk', {
        application: await shownApplication(app, user, referenceOf(params.reference), { t, format }),
        justVerified: query.verified === '1',
        justRefused: query.refused === '1',
      }),
  }),
  definePage({
    method: 'post',
    path: '/centre/applications/:reference/verify',
    access: ['centre'],
    handle: async ({ app, user, params, requestId, t, format, render, redirect }) => {
      const reference = referenceOf(params.reference);
      const centreId = centreOf(user);
      try {
        await verifyApplication(app, { principal: user, centreId, reference, requestId });
        redirect(`/centre/applications/${reference}?verified=1`);
      } catch (error) {
        // Past the deadline, lapsed, cancelled (409), or the centre no longer accredited (422): the page says which.
        if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
        const application = await shownApplication(app, user, reference, { t, format });
        const text = t(`provider.applications.errors.${VERIFY_PROBLEMS.includes(error.code) ? error.code : 'other'}`);
        render('pages/centre/applications/application.njk', { application, errors: fieldProblem('verify', text) }, error.status);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/applications/:reference/claim',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, render }) => {
      const application = await shownApplication(app, user, referenceOf(params.reference), { t, format });
      if (application.statusCode !== 'verified') throw notFound('Application');
      render('pages/centre/applications/claim.njk', { application, key: randomUUID(), date: { day: '', month: '', year: '' } });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/applications/:reference/claim',
    access: ['centre'],
    handle: async ({ app, user, params, body, requestId, t, format, render, redirect }) => {
      const reference = referenceOf(params.reference);
      const centreId = centreOf(user);
      const application = await shownApplication(app, user, reference, { t, format });
      const again = (errors: FormErrors, status: number) =>
        render('pages/centre/applications/claim.njk', { application, key: randomUUID(), date: typedDate(body), errors }, status);
      const form = parseForm(claimForm, body, t);
      if (!form.ok) return again(dateErrors(form.errors, t), 400);
      const { courseStartDate, key } = form.value;
      const answer = await runIdempotent(app.sequelize, claimOf(user, centreId, reference, key, courseStartDate), async (transaction) => ({
        status: 200,
        body: await claimApplicationFunding(app, { principal: user, centreId, reference, courseStartDate, requestId, transaction }),
      })).catch((error: unknown) => {
        // The key was used with another date: a new form (with a new key) is shown.
        if (error instanceof AppError && error.code === 'idempotency_key_reused')
          return { status: 422, body: { code: 'idempotency_key_reused' } };
        throw error;
      });
      if (answer.status === 200) return redirect(`/centre/applications/${reference}/claimed`);
      const code = typeof answer.body === 'object' && answer.body !== null && 'code' in answer.body ? String(answer.body.code) : 'other';
      if (code === 'course_not_started' || code === 'validation_failed') {
        const text = t(CLAIM_PROBLEMS[code] ?? 'provider.applications.errors.date');
        return again({ summary: [{ text, href: '#courseStartDate-day' }], fields: { courseStartDate: { text } } }, answer.status);
      }
      if (code === 'idempotency_key_reused') return again(fieldProblem('claim', t('provider.applications.errors.key')), 422);
      // Claimed in the meantime, or no longer claimable: the application's page says where it stands.
      if (code === 'application_claimed') return redirect(`/centre/applications/${reference}/claimed`);
      const text = t(
        code === 'centre_not_accredited'
          ? 'provider.applications.errors.centre_not_accredited'
          : 'provider.applications.errors.notClaimable',
      );
      again(fieldProblem('claim', text), answer.status);
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/applications/:reference/claimed',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, render }) => {
      const application = await shownApplication(app, user, referenceOf(params.reference), { t, format });
      if (application.statusCode !== 'claimed') throw notFound('Application');
      render('pages/centre/applications/claimed.njk', { application });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/applications/:reference/refuse',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, render }) => {
      const application = await shownApplication(app, user, referenceOf(params.reference), { t, format });
      if (!REFUSABLE.includes(application.statusCode)) throw notFound('Application');
      render('pages/centre/applications/refuse.njk', { application, reason: '' });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/applications/:reference/refuse',
    access: ['centre'],
    handle: async ({ app, user, params, body, requestId, t, format, render, redirect }) => {
      const reference = referenceOf(params.reference);
      const centreId = centreOf(user);
      const application = await shownApplication(app, user, reference, { t, format });
      const typed = typeof body === 'object' && body !== null && 'reason' in body && typeof body.reason === 'string' ? body.reason : '';
      const form = parseForm(refuseForm, body, t);
      if (!form.ok) return render('pages/centre/applications/refuse.njk', { application, reason: typed, errors: form.errors }, 400);
      try {
        await refuseApplication(app, { principal: user, centreId, reference, reason: form.value.reason, requestId });
        redirect(`/centre/applications/${reference}?refused=1`);
      } catch (error) {
        // Claimed, lapsed, cancelled or refused in the meantime (409): the application's page says where it stands.
        if (!(error instanceof AppError) || error.status !== 409) throw error;
        const now = await shownApplication(app, user, reference, { t, format });
        const known = VERIFY_PROBLEMS.includes(error.code) || error.code === 'application_refused';
        const text = t(`provider.applications.errors.${known ? error.code : 'other'}`);
        render('pages/centre/applications/application.njk', { application: now, errors: fieldProblem('status', text) }, 409);
      }
    },
  }),
];

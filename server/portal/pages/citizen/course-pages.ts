// Apply for an approved course (issue 16, journey 5): search the approved courses of the
// programmes that pay for courses by provider and title (a plain GET form); a course's page shows
// what the programme would fund and what the learner pays before anything is confirmed, worked out
// by the claim's own terms (quoteClaim); check your answers; then the claim, through the same
// service as POST /v1/programmes/:code/claims { courseId }, made idempotent by a key generated when
// the check page was rendered; a confirmation with the reference and what happens next.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { catalogueCourse, searchCatalogue, type CatalogueCourse } from '../../../centres/centres.js';
import { claimRight, quoteClaim, type ClaimQuote } from '../../../claims/claims.js';
import { AppError, notFound } from '../../../errors.js';
import { requestFingerprint } from '../../../http/idempotency.js';
import { describeProgrammes } from '../../../programmes/programmes.js';
import type { Language } from '../../../shared/language.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { paginationOf } from '../../pagination.js';

/** Courses per page of the search. */
const PAGE_SIZE = 20;
const COURSE_KINDS = ['course_grant', 'accruing_account', 'credit_lots'] as const;
type CourseKind = (typeof COURSE_KINDS)[number];
type Programme = Awaited<ReturnType<typeof describeProgrammes>>['items'][number];

async function coursePaying(app: AppContext): Promise<Map<string, Programme & { kind: CourseKind }>> {
  const found = new Map<string, Programme & { kind: CourseKind }>();
  let cursor: string | undefined;
  do {
    const page = await describeProgrammes(app, { limit: 500, cursor });
    for (const programme of page.items) {
      if ((COURSE_KINDS as readonly string[]).includes(programme.kind))
        found.set(programme.code, programme as Programme & { kind: CourseKind });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

const searchForm = z.object({
  provider: z.string().trim().max(100, { error: 'courses.errors.provider' }).optional(),
  title: z.string().trim().max(100, { error: 'courses.errors.title' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).optional(),
});

type Shown = { t: Translate; format: Formats; language: Language };

function courseShown(course: CatalogueCourse, programme: Programme | undefined, { language, format }: Shown) {
  return {
    id: course.id,
    title: course.title,
    qualification: course.qualification,
    price: format.money(course.price, course.currency),
    provider: course.provider.name,
    providerEmail: course.provider.email,
    programme: programme ? programme.names[language] : course.programmeCode,
  };
}

/** The course of a programme paying for courses, and that programme; the portal's 404 otherwise. */
async function courseAndProgramme(app: AppContext, id: string) {
  const course = await catalogueCourse(app.sequelize, id, app.clock.today());
  const programme = course && (await coursePaying(app)).get(course.programmeCode);
  if (!course || !programme) throw notFound('Course');
  return { course, programme };
}

/** The claim's refusals a citizen can meet before confirming or when confirming, as the page says them. */
const REFUSALS: Record<string, string> = {
  not_eligible: 'courses.refusals.notEligible',
  application_exists: 'courses.refusals.applicationExists',
  budget_exhausted: 'courses.refusals.budgetExhausted',
  no_credit_left: 'courses.refusals.noCreditLeft',
  account_empty: 'courses.refusals.accountEmpty',
  course_not_fundable: 'courses.refusals.notFundable',
  centre_not_accredited: 'courses.refusals.notFundable',
  course_grants_exhausted: 'courses.refusals.courseFull',
  places_target_reached: 'courses.refusals.closed',
  programme_closed: 'courses.refusals.closed',
  no_open_window: 'courses.refusals.closed',
};
const refusalKey = (code: string) => REFUSALS[code] ?? 'courses.refusals.other';

type Quote = { quote: ClaimQuote } | { refusal: string };

async function quoteOf(
  app: AppContext,
  user: Principal,
  language: Language,
  found: Awaited<ReturnType<typeof courseAndProgramme>>,
): Promise<Quote> {
  try {
    const { course, programme } = found;
    return { quote: await quoteClaim({ app, programme, principal: user, course, language }) };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { refusal: refusalKey(error.code) };
    throw error;
  }
}

function quoteShown(quote: Quote, currency: string, { t, format }: Shown) {
  if ('refusal' in quote) return { refusal: t(quote.refusal) };
  if (quote.quote.result === 'not_eligible') return { refusal: t('courses.refusals.notEligible') };
  return {
    funded: format.money(quote.quote.funded, currency),
    learnerPart: format.money(quote.quote.learnerPart, currency),
    draws: quote.quote.draws.map((draw) => ({ lot: draw.lot, amount: format.money(draw.amount.amount, draw.amount.currency) })),
  };
}

const applyForm = z.object({ key: z.uuid({ error: 'courses.errors.key' }) });

/** The claim's Idempotency-Key claimed as the API's route claims it, so the same key through either answers alike. */
const claimOf = (user: Principal, code: string, courseId: string, key: string) => {
  const path = `/v1/programmes/${code}/claims`;
  return { scope: `user:${user.userId}`, key, fingerprint: requestFingerprint('POST', path, { courseId }), instance: path };
};

const problemCode = (body: unknown) => (typeof body === 'object' && body !== null && 'code' in body ? String(body.code) : 'other');
const referenceOf = (body: unknown): string | undefined => {
  const reply = body as { reference?: unknown; application?: { reference?: unknown } | null };
  const reference = reply.reference ?? reply.application?.reference;
  return typeof reference === 'string' ? reference : undefined;
};

async function checkPage(app: AppContext, user: Principal, id: string, shown: Shown) {
  const found = await courseAndProgramme(app, id);
  const quote = quoteShown(await quoteOf(app, user, shown.language, found), found.course.currency, shown);
  return { course: courseShown(found.course, found.programme, shown), quote, found };
}

export const coursePages = [
  definePage({
    method: 'get',
    path: '/citizen/courses',
    access: ['citizen'],
    handle: async ({ app, query, t, format, language, render }) => {
      const shown = { t, format, language };
      const form = parseForm(searchForm, query, t);
      const search = form.ok ? form.value : {};
      const asked = {
        provider: typeof query.provider === 'string' ? query.provider : '',
        title: typeof query.title === 'string' ? query.title : '',
      };
      if (!form.ok) return render('pages/citizen/courses/search.njk', { errors: form.errors, asked, courses: [] }, 400);
      const programmes = await coursePaying(app);
      const page = search.page ?? 1;
      const found = await searchCatalogue(app.sequelize, {
        programmes: [...programmes.keys()],
        provider: search.provider || undefined,
        title: search.title || undefined,
        today: app.clock.today(),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const pages = Math.ceil(found.total / PAGE_SIZE);
      const hrefOf = (number: number) =>
        `/citizen/courses?${new URLSearchParams({ provider: search.provider ?? '', title: search.title ?? '', page: String(number) }).toString()}`;
      render('pages/citizen/courses/search.njk', {
        asked,
        total: found.total,
        courses: found.items.map((course) => courseShown(course, programmes.get(course.programmeCode), shown)),
        pagination: paginationOf(page, pages, hrefOf),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/courses/:id',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const { course, quote, found } = await checkPage(app, user, params.id ?? '', { t, format, language });
      render('pages/citizen/courses/course.njk', { course, quote, kind: found.programme.kind });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/courses/:id/check',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const { course, quote, found } = await checkPage(app, user, params.id ?? '', { t, format, language });
      render('pages/citizen/courses/check.njk', { course, quote, kind: found.programme.kind, key: randomUUID() });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/courses/:id/check',
    access: ['citizen'],
    handle: async ({ app, user, params, body, t, format, language, render, redirect }) => {
      const shown = { t, format, language };
      const found = await courseAndProgramme(app, params.id ?? '');
      const again = async (errors: FormErrors, status: number) => {
        const { course, quote } = await checkPage(app, user, found.course.id, shown);
        render('pages/citizen/courses/check.njk', { course, quote, kind: found.programme.kind, key: randomUUID(), errors }, status);
      };
      const form = parseForm(applyForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      const { code } = found.programme;
      const courseId = found.course.id;
      const reply = await claimRight({
        app,
        code,
        principal: user,
        language,
        claim: claimOf(user, code, courseId, form.value.key),
        body: { courseId },
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.status < 500) return { status: error.status, body: { code: error.code } };
        throw error;
      });
      const reference = referenceOf(reply.body);
      if (reply.status === 201 && reference) return redirect(`/citizen/applications/${reference}/confirmation`);
      if (reply.status === 202)
        return render('pages/citizen/courses/entered.njk', { course: courseShown(found.course, found.programme, shown) });
      await again(fieldProblem('confirm', t(refusalKey(problemCode(reply.body)))), Math.max(reply.status ?? 409, 400));
    },
  }),
];

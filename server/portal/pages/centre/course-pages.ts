// A provider's courses (issue 17, journey 4): its own courses of every status with their approval
// status; propose one (title, price with the programme's currency before it, qualification, the
// programme when the centre is accredited for several that pay for courses, tags); change it while
// it waits for approval, never after. The services are POST /v1/centres/:centreId/courses and
// PUT /v1/centres/:centreId/courses/:id; another centre's course is the portal's 404.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { centreCourse, centreCourses, courseProgrammesOf, editPendingCourse, proposeCourse } from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import type { Language } from '../../../shared/language.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { paginationOf } from '../../pagination.js';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PRICE = new Decimal('1000000.00');

const centreOf = (user: Principal) => {
  if (!user.centreId) throw notFound('Course');
  return user.centreId;
};

const ownCourse = (app: AppContext, user: Principal, id: string | undefined) => {
  if (!id || !UUID.test(id)) throw notFound('Course');
  return centreCourse(app, centreOf(user), id);
};

type Course = Awaited<ReturnType<typeof centreCourse>>;

const courseShown = (course: Course, names: Map<string, string>, t: Translate, format: Formats) => ({
  id: course.id,
  title: course.title,
  qualification: course.qualification,
  price: format.money(course.price.amount, course.price.currency),
  programme: names.get(course.programme) ?? course.programme,
  tags: course.tags.join(', '),
  statusCode: course.status,
  status: t(`provider.courses.status.${course.status}`),
});

const courseForm = z.object({
  title: z.string().trim().min(1, { error: 'provider.courses.errors.title' }).max(200, { error: 'provider.courses.errors.titleLength' }),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, { error: 'provider.courses.errors.price' })
    .transform((text) => new Decimal(text))
    .refine((price) => price.gt(0) && price.lte(MAX_PRICE), { error: 'provider.courses.errors.price' }),
  qualification: z
    .string()
    .trim()
    .min(1, { error: 'provider.courses.errors.qualification' })
    .max(200, { error: 'provider.courses.errors.qualificationLength' }),
  tags: z
    .string()
    .max(1000, { error: 'provider.courses.errors.tags' })
    .optional()
    .transform((text) => [
      ...new Set(
        (text ?? '')
          .split(',')
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .refine((tags) => tags.length <= 20 && tags.every((tag) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(tag)), {
      error: 'provider.courses.errors.tags',
    }),
});
const proposeForm = courseForm.extend({ programme: z.string().max(64).optional() });

/** What was typed, to show it again with the errors. */
const typed = (body: unknown) => {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  return {
    title: text('title'),
    price: text('price'),
    qualification: text('qualification'),
    tags: text('tags'),
    programme: text('programme'),
  };
};

/**
 * The service's refusals on the page: decided in the meantime (409), or the centre no longer
 * accredited for the programme (422). The form already held every field to the service's rules.
 */
function refusal(error: unknown, t: Translate): FormErrors {
  if (error instanceof AppError && error.status === 409) return fieldProblem('title', t('provider.courses.errors.decided'));
  if (error instanceof AppError && error.status === 422) return fieldProblem('title', t('provider.courses.errors.notAccredited'));
  throw error;
}

async function programmeChoices(app: AppContext, user: Principal, language: Language) {
  const programmes = await courseProgrammesOf(app, centreOf(user));
  const currencies = new Set(programmes.map((programme) => programme.currency));
  return {
    programmes: programmes.map((programme) => ({ code: programme.code, name: language === 'nl' ? programme.nameNl : programme.name })),
    // The price's prefix: the programmes' one currency; with several currencies the hint says which.
    currency: currencies.size === 1 ? [...currencies][0] : undefined,
  };
}

async function programmeNames(app: AppContext, user: Principal, language: Language) {
  const choices = await courseProgrammesOf(app, centreOf(user));
  return new Map(choices.map((programme) => [programme.code, language === 'nl' ? programme.nameNl : programme.name]));
}

export const centreCoursePages = [
  definePage({
    method: 'get',
    path: '/centre/courses',
    access: ['centre'],
    handle: async ({ app, user, query, t, format, language, render }) => {
      const page = z.coerce.number().int().min(1).max(10_000).catch(1).parse(query.page);
      const found = await centreCourses(app, centreOf(user), { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const names = await programmeNames(app, user, language);
      const pages = Math.ceil(found.total / PAGE_SIZE);
      const hrefOf = (number: number) => `/centre/courses?page=${String(number)}`;
      render('pages/centre/courses/list.njk', {
        total: found.total,
        courses: found.items.map((course) => courseShown(course, names, t, format)),
        pagination: paginationOf(page, pages, hrefOf),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/courses/new',
    access: ['centre'],
    handle: async ({ app, user, language, render }) =>
      render('pages/centre/courses/form.njk', { mode: 'new', ...(await programmeChoices(app, user, language)), form: typed({}) }),
  }),
  definePage({
    method: 'post',
    path: '/centre/courses/new',
    access: ['centre'],
    handle: async ({ app, user, body, requestId, t, language, render, redirect }) => {
      const choices = await programmeChoices(app, user, language);
      const again = (errors: FormErrors, status: number) =>
        render('pages/centre/courses/form.njk', { mode: 'new', ...choices, form: typed(body), errors }, status);
      const form = parseForm(proposeForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      const programme = choices.programmes.length > 1 ? form.value.programme : undefined;
      if (choices.programmes.length > 1 && !choices.programmes.some((choice) => choice.code === programme)) {
        return again(fieldProblem('programme', t('provider.courses.errors.programme')), 400);
      }
      try {
        const course = await proposeCourse(app, user, { ...form.value, programme, centreId: centreOf(user), requestId });
        redirect(`/centre/courses/${course.id}?saved=proposed`);
      } catch (error) {
        again(refusal(error, t), (error as AppError).status);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/courses/:id',
    access: ['centre'],
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const course = courseShown(await ownCourse(app, user, params.id), await programmeNames(app, user, language), t, format);
      const saved = query.saved === 'proposed' || query.saved === 'changed' ? query.saved : undefined;
      render('pages/centre/courses/course.njk', { course, saved });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/courses/:id/edit',
    access: ['centre'],
    handle: async ({ app, user, params, render }) => {
      const course = await ownCourse(app, user, params.id);
      if (course.status !== 'pending') throw notFound('Course');
      const form = {
        title: course.title,
        price: course.price.amount,
        qualification: course.qualification,
        tags: course.tags.join(', '),
        programme: '',
      };
      render('pages/centre/courses/form.njk', { mode: 'edit', course, currency: course.price.currency, programmes: [], form });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/courses/:id/edit',
    access: ['centre'],
    handle: async ({ app, user, params, body, requestId, t, render, redirect }) => {
      const course = await ownCourse(app, user, params.id);
      const again = (errors: FormErrors, status: number) =>
        render(
          'pages/centre/courses/form.njk',
          { mode: 'edit', course, currency: course.price.currency, programmes: [], form: typed(body), errors },
          status,
        );
      const form = parseForm(courseForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        await editPendingCourse(app, user, { ...form.value, centreId: centreOf(user), courseId: course.id, requestId });
        redirect(`/centre/courses/${course.id}?saved=changed`);
      } catch (error) {
        again(refusal(error, t), (error as AppError).status);
      }
    },
  }),
];

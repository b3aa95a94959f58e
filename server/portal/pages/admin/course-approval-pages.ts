// The course approval queue (issue 18, item 3): courses providers proposed, oldest first, each
// approved or rejected with a reason by an administrator through the service of
// POST /v1/courses/:id/approval, which keeps the reason in the audit log. Auditors read the queue
// and the courses without the decision form.
import { z } from 'zod';
import { STAFF_READERS } from '../../../auth/principal.js';
import { anyCourse, centreName, decideCourseApproval, pendingCourses } from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage, type PageInput } from '../../page.js';
import { paginationOf } from '../../pagination.js';
import { canChange, fieldsOf, idOf, pageNumber, textField } from './admin-forms.js';

const PAGE_SIZE = 20;
const DONE = ['approved', 'rejected'];

const REASON = textField('adminCentres.errors.courseReason', { max: 2000, min: 3 });

const decisionForm = z
  .object({
    decision: z.enum(['approved', 'rejected'], { error: 'adminCentres.errors.decision' }),
    reason: z.string().trim().optional(),
  })
  .transform((form, context) => {
    // A provider told "no" is told why; an approval may say nothing more, and what it says is text the API would take.
    const reason = form.reason ? REASON.safeParse(form.reason) : undefined;
    if ((form.decision === 'rejected' && !reason) || (reason && !reason.success)) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'adminCentres.errors.courseReason' });
      return z.NEVER;
    }
    return { decision: form.decision, reason: reason?.data };
  });

type Input = PageInput<readonly ['admin', 'auditor']>;

async function courseContext({ app, params, format }: Pick<Input, 'app' | 'params' | 'format'>) {
  const course = await anyCourse(app, idOf(params.id));
  return {
    course: {
      ...course,
      price: format.money(course.price.amount, course.price.currency),
      proposedOn: format.date(course.createdAt),
      decidedOn: course.decidedAt ? format.date(course.decidedAt) : undefined,
      centreName: await centreName(app.sequelize, course.centreId),
    },
  };
}

export const adminCoursePages = [
  definePage({
    method: 'get',
    path: '/admin/courses',
    access: STAFF_READERS,
    handle: async ({ app, query, format, render }) => {
      const page = pageNumber(query.page);
      const found = await pendingCourses(app, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      if (page > pages) throw notFound('Page');
      render('pages/admin/courses/queue.njk', {
        courses: found.items.map((course) => ({
          ...course,
          price: format.money(course.price.amount, course.price.currency),
          proposedOn: format.date(course.createdAt),
        })),
        total: found.total,
        pagination: paginationOf(page, pages, (number) => `/admin/courses?page=${number}`),
        done: DONE.find((done) => done === query.done),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/courses/:id',
    access: STAFF_READERS,
    handle: async (input) =>
      input.render('pages/admin/courses/course.njk', {
        ...(await courseContext(input)),
        canChange: canChange(input.user),
        form: fieldsOf({}, ['decision', 'reason']),
      }),
  }),
  definePage({
    method: 'post',
    path: '/admin/courses/:id/decision',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, render, redirect } = input;
      const context = await courseContext(input);
      const again = (errors: FormErrors, status: number) =>
        render(
          'pages/admin/courses/course.njk',
          { ...context, canChange: true, form: fieldsOf(body, ['decision', 'reason']), errors },
          status,
        );
      const form = parseForm(decisionForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        await decideCourseApproval(app, user, {
          courseId: context.course.id,
          decision: form.value.decision,
          reason: form.value.reason,
          requestId,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'course_already_decided')
          return again(fieldProblem('decision', t('adminCentres.errors.courseDecided')), 409);
        throw error;
      }
      redirect(`/admin/courses?done=${form.value.decision}`);
    },
  }),
];

// Contested refusals (issue 18, item 5): the list by status, newest first, and each contest with
// the refusal it contests (its reasons), the citizen's message and evidence files (downloaded with
// the same authorisation as GET /v1/contests/:id/evidence/:evidenceId), and the answer. An
// administrator answers with a required message through the service of POST
// /v1/contests/:id/answer, after a check-your-answers page; the citizen is notified by it. An
// answer moves no money or hours, which the page says. Auditors read the same without the form.
import { z } from 'zod';
import { STAFF_READERS } from '../../../auth/principal.js';
import { answerContest, downloadHeaders, listContests, readContest, readEvidence } from '../../../contests/contests.js';
import { readDecision } from '../../../eligibility/eligibility.js';
import { AppError, notFound } from '../../../errors.js';
import { parseForm } from '../../form-errors.js';
import { definePage, type PageInput } from '../../page.js';
import { canChange, fieldsOf, idOf, textField } from './admin-forms.js';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'upheld', 'rejected'] as const;
const FIELDS = ['outcome', 'message'];
const DONE = ['upheld', 'rejected', 'already'];

const answerForm = z.object({
  outcome: z.enum(['upheld', 'rejected'], { error: 'adminDisputes.errors.outcome' }),
  message: textField('adminDisputes.errors.message', { max: 5000 }),
});

type Input = PageInput<readonly ['admin', 'auditor']>;

async function contestContext({ app, user, params, language, format }: Pick<Input, 'app' | 'user' | 'params' | 'language' | 'format'>) {
  const contest = await readContest(app, user, idOf(params.id));
  const decision = await readDecision(app, user, contest.decisionId, { replay: false, language });
  return {
    contest: {
      ...contest,
      sentOn: format.date(contest.contestedOn),
      answeredOn: contest.answer ? format.date(contest.answer.answeredAt) : undefined,
      evidence: contest.evidence.map((file) => ({ ...file, size: `${Math.max(1, Math.round(file.sizeBytes / 1024))} KB` })),
    },
    decision: { ...decision, decidedOn: format.date(decision.referenceDate) },
  };
}

/** The answers as the form shows them again, and their values or problems. */
const parse = (body: unknown, t: Input['t']) => ({ form: fieldsOf(body, FIELDS), ...parseForm(answerForm, body, t) });

export const adminContestPages = [
  definePage({
    method: 'get',
    path: '/admin/contests',
    access: STAFF_READERS,
    handle: async ({ app, query, format, render }) => {
      const status = STATUSES.find((value) => value === query.status) ?? (query.status === 'all' ? undefined : 'open');
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await listContests(app, { status }, { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor that is not one of ours names no page.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      const filter = status ?? 'all';
      render('pages/admin/contests/list.njk', {
        contests: found.items.map((contest) => ({ ...contest, sentOn: format.date(contest.contestedOn) })),
        filter,
        filters: ['open', 'upheld', 'rejected', 'all'],
        next: found.nextCursor ? `/admin/contests?status=${filter}&cursor=${encodeURIComponent(found.nextCursor)}` : undefined,
        first: cursor === undefined ? undefined : `/admin/contests?status=${filter}`,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/contests/:id',
    access: STAFF_READERS,
    handle: async (input) =>
      input.render('pages/admin/contests/contest.njk', {
        ...(await contestContext(input)),
        canChange: canChange(input.user),
        form: fieldsOf({}, FIELDS),
        done: DONE.find((done) => done === input.query.done),
      }),
  }),
  definePage({
    method: 'get',
    path: '/admin/contests/:id/evidence/:evidenceId',
    access: STAFF_READERS,
    handle: async ({ app, user, params, res }) => {
      const file = await readEvidence(app, user, idOf(params.id), idOf(params.evidenceId));
      res.set(downloadHeaders(file)).status(200).end(file.content);
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/contests/:id/answer',
    access: ['admin'],
    handle: async (input) => {
      const { body, t, render } = input;
      const context = await contestContext(input);
      if (context.contest.status !== 'open') return input.redirect(`/admin/contests/${context.contest.id}?done=already`);
      const answers = parse(body, t);
      // "Change your answers" on the check page brings them back into the form as they were.
      if ((body as { step?: unknown } | undefined)?.step === 'edit' || !answers.ok)
        return render(
          'pages/admin/contests/contest.njk',
          { ...context, canChange: true, form: answers.form, errors: answers.ok ? undefined : answers.errors },
          answers.ok ? 200 : 400,
        );
      render('pages/admin/contests/check.njk', { ...context, form: answers.form, outcome: answers.value.outcome });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/contests/:id/answer/confirm',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, render, redirect } = input;
      const context = await contestContext(input);
      const answers = parse(body, t);
      if (!answers.ok)
        return render('pages/admin/contests/contest.njk', { ...context, canChange: true, form: answers.form, errors: answers.errors }, 400);
      try {
        await answerContest(app, user, { contestId: context.contest.id, ...answers.value, requestId });
      } catch (error) {
        // Answered meanwhile (or this was sent twice): the page shows the answer that stands.
        if (error instanceof AppError && error.code === 'contest_answered')
          return redirect(`/admin/contests/${context.contest.id}?done=already`);
        throw error;
      }
      redirect(`/admin/contests/${context.contest.id}?done=${answers.value.outcome}`);
    },
  }),
];

// Contesting a refusal (issue 16, journey 6): from a refusal decision the citizen sends a message
// and evidence files through a multipart form that works without JavaScript, within the contest
// period; then follows their contests and the answers. The same service as the API's
// POST /v1/decisions/:id/contests, in process; its limits and evidence checks, with the problems
// said in the citizen's language against the field.
import { z } from 'zod';
import {
  checkEvidence,
  contestableDecision,
  contestRefusal,
  downloadHeaders,
  EVIDENCE_LIMITS,
  listOwnContests,
  readContest,
  readEvidence,
  type EvidenceProblem,
} from '../../../contests/contests.js';
import { AppError, notFound } from '../../../errors.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage, type PageInput } from '../../page.js';

const contestForm = z.object({
  message: z
    .string({ error: 'contest.errors.message' })
    .trim()
    .min(1, { error: 'contest.errors.message' })
    .max(5000, { error: 'contest.errors.messageLong' }),
});

const uuid = z.uuid();
const idOf = (value: string | undefined) => {
  if (!uuid.safeParse(value).success) throw notFound('Page');
  return value as string;
};

type Input = PageInput<readonly ['citizen']>;

/** The refusal, its reasons and last day as the form shows them; a period ended or an eligible decision is said plainly. */
async function formContext({ app, user, params, format }: Input) {
  try {
    const { decision, deadline } = await contestableDecision(app, user, idOf(params.decisionId));
    return { open: true as const, decision, deadline: format.date(deadline) };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    const deadline = typeof error.extra.deadline === 'string' ? format.date(error.extra.deadline) : undefined;
    return { open: false as const, closed: error.code, deadline };
  }
}

function evidenceErrors(problems: readonly EvidenceProblem[], t: Input['t']): FormErrors {
  const text = problems
    .map(({ problem, fileName }) => t(`contest.errors.${problem}`, { name: fileName, files: EVIDENCE_LIMITS.maxFiles }))
    .join(' ');
  return fieldProblem('files', text);
}

const sent = (input: Input) => {
  const message = (input.body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : '';
};

export const contestPages = [
  definePage({
    method: 'get',
    path: '/citizen/decisions/:decisionId/contest',
    access: ['citizen'],
    handle: async (input) => {
      const context = await formContext(input);
      input.render('pages/citizen/contest/form.njk', { ...context, decisionId: input.params.decisionId }, context.open ? 200 : 409);
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/decisions/:decisionId/contest',
    access: ['citizen'],
    multipart: EVIDENCE_LIMITS,
    handle: async (input) => {
      const { app, user, t, upload, requestId, render, redirect } = input;
      const context = await formContext(input);
      const decisionId = idOf(input.params.decisionId);
      if (!context.open) return render('pages/citizen/contest/form.njk', { ...context, decisionId }, 409);
      const again = (errors: FormErrors) =>
        render('pages/citizen/contest/form.njk', { ...context, decisionId, errors, message: sent(input) }, 400);
      const form = parseForm(contestForm, input.body, t);
      const evidence = checkEvidence(upload?.files ?? [], upload?.tooManyFiles ?? false);
      if (!evidence.ok) return again(evidenceErrors(evidence.problems, t));
      if (!form.ok) return again(form.errors);
      try {
        const contest = await contestRefusal(app, user, {
          decisionId,
          message: form.value.message,
          files: upload?.files ?? [],
          tooManyFiles: upload?.tooManyFiles ?? false,
          requestId,
        });
        redirect(`/citizen/contests/${contest.id}/sent`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'contest_open') return again(fieldProblem('message', t('contest.errors.open')));
        throw error;
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/contests/:id/sent',
    access: ['citizen'],
    handle: async ({ app, user, params, render }) =>
      render('pages/citizen/contest/sent.njk', { contest: await readContest(app, user, idOf(params.id)) }),
  }),
  definePage({
    method: 'get',
    path: '/citizen/contests',
    access: ['citizen'],
    handle: async ({ app, user, query, format, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = await listOwnContests(app, user, { limit: 20, cursor }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      render('pages/citizen/contest/list.njk', {
        contests: page.items.map((contest) => ({ ...contest, sentOn: format.date(contest.contestedOn) })),
        nextCursor: page.nextCursor,
        firstPage: cursor === undefined,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/contests/:id',
    access: ['citizen'],
    handle: async ({ app, user, params, format, render }) => {
      const contest = await readContest(app, user, idOf(params.id));
      render('pages/citizen/contest/contest.njk', {
        contest: {
          ...contest,
          sentOn: format.date(contest.contestedOn),
          answeredOn: contest.answer ? format.date(contest.answer.answeredAt) : undefined,
          evidence: contest.evidence.map((file) => ({ ...file, size: `${Math.max(1, Math.round(file.sizeBytes / 1024))} KB` })),
        },
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/contests/:id/evidence/:evidenceId',
    access: ['citizen'],
    handle: async ({ app, user, params, res }) => {
      const file = await readEvidence(app, user, idOf(params.id), idOf(params.evidenceId));
      res.set(downloadHeaders(file)).status(200).end(file.content);
    },
  }),
];

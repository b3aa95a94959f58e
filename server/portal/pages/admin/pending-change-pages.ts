// Pending changes (issue 18, item 2): money-moving changes waiting for a second administrator,
// listed and read by administrators and auditors; approved, or rejected with a reason, by an
// administrator other than the one who proposed it, or withdrawn by the proposer, through the
// services of the /v1/pending-changes routes (which audit every decision). The approval is
// claimed as the API's idempotent route claims it, with a key written into the form, so a double
// submit applies it once. The service's refusal of the proposer's own approval is shown plainly.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { approveChange, CHANGE_KINDS, listChanges, readChange, rejectChange, withdrawChange } from '../../../approvals/approvals.js';
import { STAFF_READERS, type Principal } from '../../../auth/principal.js';
import { changeAppliers } from '../../../change-appliers.js';
import { AppError } from '../../../errors.js';
import { requestFingerprint, runIdempotent } from '../../../http/idempotency.js';
import { parseForm, type FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { canChange, cursorNotIssued, idOf } from './admin-forms.js';
import { fieldError } from './parameter-form.js';
import { changesShown } from './pending-change-view.js';
import type { Shown } from './programme-view.js';

const PAGE_SIZE = 25;
const STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
const DONE = ['requested', 'approved', 'rejected', 'withdrawn'] as const;

/** The refusals of a decision, in the catalogue (any other: the service's own words). */
const REFUSALS: Record<string, string> = {
  four_eyes_required: 'adminProgrammes.changes.refusal.fourEyes',
  not_requester: 'adminProgrammes.changes.refusal.notRequester',
  change_not_pending: 'adminProgrammes.changes.refusal.notPending',
  idempotency_key_reused: 'adminProgrammes.changes.refusal.sentAlready',
};

const rejectForm = z.object({
  reason: z
    .string({ error: 'adminProgrammes.changes.errors.reason' })
    .trim()
    .min(1, 'adminProgrammes.changes.errors.reason')
    .max(1000, 'adminProgrammes.changes.errors.reason'),
});

async function shownChange(app: AppContext, user: Principal, id: string | undefined, shown: Shown) {
  const [change] = await changesShown(app, [await readChange(app, idOf(id))], user, shown);
  if (!change) throw new Error('a read change was not shown');
  return change;
}

type ChangePage = { app: AppContext; user: Principal; id: string | undefined; shown: Shown };

/** The change's page, with a problem of a decision when there is one. */
async function renderChange(
  { app, user, id, shown }: ChangePage,
  render: (view: string, data?: object, status?: number) => void,
  extra: { done?: string | undefined; errors?: FormErrors; status?: number } = {},
) {
  const change = await shownChange(app, user, id, shown);
  render(
    'pages/admin/pending-changes/change.njk',
    { change, canChange: canChange(user) && change.statusCode === 'pending', key: randomUUID(), done: extra.done, errors: extra.errors },
    extra.status,
  );
}

const refusalText = (error: AppError, t: Shown['t']) => {
  const key = REFUSALS[error.code];
  return key ? t(key) : t('adminProgrammes.changes.refusal.other', { message: error.message });
};

export const pendingChangePages = [
  definePage({
    method: 'get',
    path: '/admin/pending-changes',
    access: STAFF_READERS,
    handle: async ({ app, user, query, t, format, language, render }) => {
      const status = STATUSES.find((value) => value === query.status) ?? 'pending';
      const kind = CHANGE_KINDS.find((value) => value === query.kind);
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = await listChanges(app, { status, kind, limit: PAGE_SIZE, cursor }).catch(cursorNotIssued);
      const base = `/admin/pending-changes?status=${status}${kind ? `&kind=${kind}` : ''}`;
      render('pages/admin/pending-changes/list.njk', {
        status,
        statuses: STATUSES.map((value) => ({
          value,
          text: t(`adminProgrammes.changes.status.${value}`),
          href: `/admin/pending-changes?status=${value}`,
          current: value === status,
        })),
        changes: await changesShown(app, page.items, user, { t, format, language }),
        pagination: {
          previous: cursor ? { href: base, text: t('adminProgrammes.changes.firstPage') } : undefined,
          next: page.nextCursor ? { href: `${base}&cursor=${encodeURIComponent(page.nextCursor)}` } : undefined,
        },
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/pending-changes/:id',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const done = DONE.find((value) => value === query.done);
      await renderChange({ app, user, id: params.id, shown: { t, format, language } }, render, { done });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/pending-changes/:id/approve',
    access: ['admin'],
    handle: async ({ app, user, params, body, t, format, language, requestId, render, redirect }) => {
      const id = idOf(params.id);
      const page = { app, user, id, shown: { t, format, language } };
      const key = z.uuid().safeParse((body as { key?: unknown } | null)?.key);
      if (!key.success)
        return renderChange(page, render, {
          errors: fieldError('approve', t('adminProgrammes.changes.refusal.sentAlready'), 'approve-error'),
          status: 400,
        });
      // Claimed as POST /v1/pending-changes/:id/approve claims it: a second submit replays the first answer.
      const path = `/v1/pending-changes/${id}/approve`;
      const claim = { scope: `user:${user.userId}`, key: key.data, fingerprint: requestFingerprint('POST', path, {}), instance: path };
      let answer;
      try {
        answer = await runIdempotent(app.sequelize, claim, async (transaction) => ({
          status: 200,
          body: await approveChange({ app, actor: user, id, requestId }, changeAppliers, transaction),
        }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'idempotency_key_reused') throw error;
        answer = { status: error.status, body: { code: error.code, detail: error.message } };
      }
      if (answer.status === 200) return redirect(`/admin/pending-changes/${id}?done=approved`);
      const problem = (answer.body ?? {}) as { code?: unknown; detail?: unknown };
      const refusal = new AppError(answer.status, String(problem.code), typeof problem.detail === 'string' ? problem.detail : '');
      await renderChange(page, render, { errors: fieldError('approve', refusalText(refusal, t), 'approve-error'), status: answer.status });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/pending-changes/:id/reject',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const change = await shownChange(app, user, params.id, { t, format, language });
      render('pages/admin/pending-changes/reject.njk', { change, reason: '' });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/pending-changes/:id/reject',
    access: ['admin'],
    handle: async ({ app, user, params, body, t, format, language, requestId, render, redirect }) => {
      const id = idOf(params.id);
      const change = await shownChange(app, user, id, { t, format, language });
      const reason = typeof (body as { reason?: unknown } | null)?.reason === 'string' ? String((body as { reason: string }).reason) : '';
      const again = (errors: FormErrors, status: number) =>
        render('pages/admin/pending-changes/reject.njk', { change, reason, errors }, status);
      const form = parseForm(rejectForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        await rejectChange({ app, actor: user, id, requestId }, form.value.reason);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return again(fieldError('reason', refusalText(error, t)), error.status);
      }
      redirect(`/admin/pending-changes/${id}?done=rejected`);
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/pending-changes/:id/withdraw',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, language, requestId, render, redirect }) => {
      const id = idOf(params.id);
      const page = { app, user, id, shown: { t, format, language } };
      try {
        await withdrawChange({ app, actor: user, id, requestId }, null);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        return renderChange(page, render, {
          errors: fieldError('withdraw', refusalText(error, t), 'withdraw-error'),
          status: error.status,
        });
      }
      redirect(`/admin/pending-changes/${id}?done=withdrawn`);
    },
  }),
];

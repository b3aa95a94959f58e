// Disputed sessions (issue 18, item 5): the list by status, newest first, and each dispute with the
// session the citizen says did not happen, the centre, and, once decided, what the decision moved
// in the ledger (the session's reversal, hours released from an ended cheque, what a settled
// centre owes back), each transaction with its entries. An administrator decides with a required
// note through the service of POST /v1/disputes/:id/resolution, after a check-your-answers page,
// since an upheld dispute moves hours and money. Auditors read the same pages without the form.
import { z } from 'zod';
import { STAFF_READERS } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import { listDisputes, readDispute, resolveDispute } from '../../../vouchers/vouchers.js';
import { parseForm } from '../../form-errors.js';
import { definePage, type PageInput } from '../../page.js';
import { canChange, fieldsOf, idOf, reasonField } from './admin-forms.js';
import { inUnit, ledgerEffect } from './dispute-view.js';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'upheld', 'rejected'] as const;
const FIELDS = ['decision', 'note'];
const DONE = ['upheld', 'rejected', 'already'];

const decisionForm = z.object({
  decision: z.enum(['upheld', 'rejected'], { error: 'adminDisputes.errors.decision' }),
  note: reasonField('adminDisputes.errors.note'),
});

type Input = PageInput<readonly ['admin', 'auditor']>;

/** The dispute as its page shows it; a path id that is no dispute is the portal's 404. */
async function disputeContext({ app, params, t, format }: Pick<Input, 'app' | 'params' | 't' | 'format'>) {
  const dispute = await readDispute(app, idOf(params.id));
  return {
    dispute: {
      ...dispute,
      openedOn: format.date(dispute.createdAt),
      resolvedOn: dispute.resolvedAt ? format.date(dispute.resolvedAt) : undefined,
      session: {
        ...dispute.session,
        date: format.date(dispute.session.date),
        hours: inUnit(dispute.session.hours.amount, 'HOUR', t, format),
      },
      owed: dispute.correction ? format.money(dispute.correction.amount, dispute.correction.currency) : undefined,
      ledgerEffect: ledgerEffect(dispute.ledgerEffect, t, format),
    },
  };
}

/** The answers as the form shows them again, and their values or problems. */
const parse = (body: unknown, t: Input['t']) => ({ form: fieldsOf(body, FIELDS), ...parseForm(decisionForm, body, t) });

export const adminDisputePages = [
  definePage({
    method: 'get',
    path: '/admin/disputes',
    access: STAFF_READERS,
    handle: async ({ app, query, format, render }) => {
      const status = STATUSES.find((value) => value === query.status) ?? (query.status === 'all' ? undefined : 'open');
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await listDisputes(app, { status, limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor that is not one of ours names no page.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      const filter = status ?? 'all';
      render('pages/admin/disputes/list.njk', {
        disputes: found.items.map((dispute) => ({ ...dispute, openedOn: format.date(dispute.createdAt) })),
        filter,
        filters: ['open', 'upheld', 'rejected', 'all'],
        next: found.nextCursor ? `/admin/disputes?status=${filter}&cursor=${encodeURIComponent(found.nextCursor)}` : undefined,
        first: cursor === undefined ? undefined : `/admin/disputes?status=${filter}`,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/disputes/:id',
    access: STAFF_READERS,
    handle: async (input) =>
      input.render('pages/admin/disputes/dispute.njk', {
        ...(await disputeContext(input)),
        canChange: canChange(input.user),
        form: fieldsOf({}, FIELDS),
        done: DONE.find((done) => done === input.query.done),
      }),
  }),
  definePage({
    method: 'post',
    path: '/admin/disputes/:id/decision',
    access: ['admin'],
    handle: async (input) => {
      const { body, t, render } = input;
      const context = await disputeContext(input);
      if (context.dispute.status !== 'open') return input.redirect(`/admin/disputes/${context.dispute.id}?done=already`);
      const answers = parse(body, t);
      // "Change your answers" on the check page brings them back into the form as they were.
      if ((body as { step?: unknown } | undefined)?.step === 'edit' || !answers.ok)
        return render(
          'pages/admin/disputes/dispute.njk',
          { ...context, canChange: true, form: answers.form, errors: answers.ok ? undefined : answers.errors },
          answers.ok ? 200 : 400,
        );
      render('pages/admin/disputes/check.njk', { ...context, form: answers.form, decision: answers.value.decision });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/disputes/:id/decision/confirm',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, render, redirect } = input;
      const context = await disputeContext(input);
      const answers = parse(body, t);
      if (!answers.ok)
        return render('pages/admin/disputes/dispute.njk', { ...context, canChange: true, form: answers.form, errors: answers.errors }, 400);
      try {
        await resolveDispute(app, { principal: user, disputeId: context.dispute.id, ...answers.value, requestId });
      } catch (error) {
        // Decided meanwhile (or this was sent twice): the page shows the decision that stands.
        if (error instanceof AppError && error.code === 'dispute_resolved')
          return redirect(`/admin/disputes/${context.dispute.id}?done=already`);
        throw error;
      }
      redirect(`/admin/disputes/${context.dispute.id}?done=${answers.value.decision}`);
    },
  }),
];

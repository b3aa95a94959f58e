// Signals that need a look (issue 18, item 10): the cases detection opened, newest first, by kind
// (open ones, or those closed); a case with the rows behind it; an administrator closes one with a
// reason or runs detection now. Auditors read the same pages without the forms. The same services
// as /v1/signal-cases. A case never blocks a payment: the pages say so where a case is closed.
import { z } from 'zod';
import { STAFF_READERS } from '../../../auth/principal.js';
import { AppError } from '../../../errors.js';
import { closeSignalCase, detectNow, lastDetectedAt, readSignalCase, signalCasesPage, SIGNAL_KINDS } from '../../../signals/signals.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage, type PageInput } from '../../page.js';
import { paginationOf } from '../../pagination.js';
import type { PageAccess } from '../../page.js';
import { canChange, fieldsOf, idOf, pageNumber, reasonField } from './admin-forms.js';
import { caseSummary, caseView, kindLabel } from './signals-view.js';

const PAGE_SIZE = 20;

const closeForm = z.object({ reason: reasonField('adminSignals.errors.reason') });

const kindOf = (value: unknown) => SIGNAL_KINDS.find((kind) => kind === value);

async function renderCase(
  input: Pick<PageInput<PageAccess>, 'app' | 't' | 'format' | 'language' | 'render'> & { user: NonNullable<PageInput<PageAccess>['user']> },
  id: string,
  extra: { done?: boolean; reason?: string; errors?: FormErrors; status?: number } = {},
) {
  const { app, t, format, language, render, user } = input;
  const found = await readSignalCase(app, id);
  render(
    'pages/admin/signals/case.njk',
    {
      signal: caseView(found, t, format, language),
      canChange: canChange(user),
      done: extra.done ?? false,
      reason: extra.reason ?? '',
      ...(extra.errors ? { errors: extra.errors } : {}),
    },
    extra.status,
  );
}

export const signalPages = [
  definePage({
    method: 'get',
    path: '/admin/signals',
    access: STAFF_READERS,
    handle: async ({ app, user, query, t, format, language, render }) => {
      const kind = kindOf(query.kind);
      const status = query.status === 'closed' ? 'closed' : 'open';
      const page = pageNumber(query.page);
      const found = await signalCasesPage(app, { status, kind }, { number: page, size: PAGE_SIZE });
      const last = await lastDetectedAt(app);
      const filter = (more: Record<string, string>) =>
        `/admin/signals?${new URLSearchParams({ ...(kind ? { kind } : {}), ...(status === 'closed' ? { status } : {}), ...more }).toString()}`;
      const detected = typeof query.detected === 'string' && /^\d{1,6}$/.test(query.detected) ? Number(query.detected) : undefined;
      render('pages/admin/signals/list.njk', {
        status,
        kind: kind ?? '',
        kinds: SIGNAL_KINDS.map((value) => ({ value, text: kindLabel(t, value), selected: value === kind })),
        cases: found.items.map((item) => ({
          id: item.id,
          kind: kindLabel(t, item.kind),
          summary: caseSummary(item, t, format, language),
          centre: item.centre?.name ?? '',
          detectedOn: format.date(item.detectedAt),
        })),
        total: found.total,
        statusLinks: {
          open: `/admin/signals${kind ? `?kind=${kind}` : ''}`,
          closed: `/admin/signals?${new URLSearchParams({ ...(kind ? { kind } : {}), status: 'closed' }).toString()}`,
        },
        lastDetection: last ? `${format.date(last)} ${last.toISOString().slice(11, 16)} UTC` : undefined,
        detected,
        canChange: canChange(user),
        pagination: paginationOf(page, Math.ceil(found.total / PAGE_SIZE), (number) => filter({ page: String(number) })),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/signals/detect',
    access: ['admin'],
    handle: async ({ app, user, requestId, redirect }) => {
      const result = await detectNow(app, user, requestId);
      redirect(`/admin/signals?detected=${String(result.opened)}`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/signals/:id',
    access: STAFF_READERS,
    handle: async (input) => renderCase(input, idOf(input.params.id), { done: input.query.done === 'closed' }),
  }),
  definePage({
    method: 'post',
    path: '/admin/signals/:id/close',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, redirect } = input;
      const id = idOf(input.params.id);
      const typed = fieldsOf(body, ['reason']).reason ?? '';
      const form = parseForm(closeForm, body, t);
      if (!form.ok) return renderCase(input, id, { reason: typed, errors: form.errors, status: 400 });
      try {
        await closeSignalCase(app, user, { id, reason: form.value.reason, requestId });
      } catch (error) {
        // Closed by another administrator in the meantime: the case's page says by whom and why.
        if (error instanceof AppError && error.code === 'signal_case_closed')
          return renderCase(input, id, { errors: fieldProblem('reason', t('adminSignals.errors.closed')), status: 409 });
        throw error;
      }
      redirect(`/admin/signals/${id}?done=closed`);
    },
  }),
];

// Settlement runs and statement payments (issue 18, item 6), for administrators and, read-only,
// auditors: the runs newest first; running a settlement for a programme and period end after
// checking the answers (the service of POST /v1/settlements, idempotent by a key written into the
// check page); a run's statements per centre with totals, status and paid dates, and its SEPA
// transfer files (POST /v1/settlements/:id/payment-files, downloaded as GET
// /v1/payment-files/:id/pain001 answers); one statement with its lines and corrections; and
// proposing its payment, which waits for a second administrator on the pending-changes pages
// (POST /v1/statements/:id/payment: never paid on one administrator's word).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { STAFF_READERS, type Principal } from '../../../auth/principal.js';
import { centreName } from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { requestFingerprint, runIdempotent, type StoredAnswer } from '../../../http/idempotency.js';
import {
  centreStatements,
  createPaymentFile,
  debtorAccountOf,
  paymentFileXml,
  pendingPaymentOf,
  requestStatementPayment,
  runSettlement,
  settlementRunOf,
  settlementRuns,
  statementOf,
  statementPaymentFile,
} from '../../../settlement/settlement.js';
import { fieldProblem, type FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { canChange, dateOf, fieldsOf, idOf } from './admin-forms.js';
import { programmeNames } from '../../programme-names.js';
import { centreNames, fileShown, runShown, statementShown, type Shown } from './settlement-view.js';

const PAGE_SIZE = 20;
const RUN_FIELDS = ['programme', 'periodEnd-day', 'periodEnd-month', 'periodEnd-year'] as const;
const DONE = ['run', 'file', 'proposed'] as const;

/** The problems the services answer that the pages word themselves (anything else: the service's own words). */
const PROBLEMS = [
  'budget_exhausted',
  'statement_paid',
  'change_pending',
  'nothing_to_transfer',
  'currency_not_sepa',
  'debtor_account_missing',
  'bank_account_missing',
  'four_eyes_required',
  'idempotency_key_reused',
];

const problemText = (answer: StoredAnswer, t: Shown['t']) => {
  const problem = (answer.body ?? {}) as { code?: unknown; detail?: unknown };
  const code = String(problem.code);
  if (PROBLEMS.includes(code)) return t(`adminSettlement.problems.${code}`);
  return typeof problem.detail === 'string' ? problem.detail : code;
};

/** An answer of the services run as the API's idempotent routes run them (a reused key is answered, not thrown). */
async function idempotently(
  app: AppContext,
  claim: { user: Principal; key: string; path: string; body: unknown },
  work: Parameters<typeof runIdempotent>[2],
): Promise<StoredAnswer> {
  const idempotencyClaim = {
    scope: `user:${claim.user.userId}`,
    key: claim.key,
    fingerprint: requestFingerprint('POST', claim.path, claim.body),
    instance: claim.path,
  };
  return runIdempotent(app.sequelize, idempotencyClaim, work).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'idempotency_key_reused') return { status: 422, body: { code: error.code } };
    throw error;
  });
}

const keyOf = (body: unknown) => {
  const key = fieldsOf(body, ['key']).key ?? '';
  return /^[0-9a-f-]{36}$/.test(key) ? key : randomUUID();
};

const runForm = z.object({ programme: z.string().regex(/^[A-Z]{2,10}$/), periodEnd: z.string() });

/** The run form's answers, or its problems named at their fields. */
function readRunForm(form: Record<string, string>, codes: readonly string[], t: Shown['t']) {
  const errors: FormErrors = { summary: [], fields: {} };
  const problem = (field: string, key: string) => {
    errors.fields[field] = { text: t(key) };
    errors.summary.push({ text: t(key), href: `#${field}` });
  };
  const programme = form.programme ?? '';
  if (!codes.includes(programme)) problem('programme', 'adminSettlement.errors.programme');
  const periodEnd = dateOf(form, 'periodEnd');
  if (!periodEnd) problem('periodEnd-day', 'adminSettlement.errors.periodEnd');
  const parsed = runForm.safeParse({ programme, periodEnd });
  return errors.summary.length === 0 && parsed.success ? { ok: true as const, value: parsed.data } : { ok: false as const, errors };
}

/** The run form's fields from a 'YYYY-MM-DD' (a "change" link back from the check page). */
function runFormOf(query: Record<string, unknown>): Record<string, string> {
  const form: Record<string, string> = { programme: typeof query.programme === 'string' ? query.programme : '' };
  const date = typeof query.periodEnd === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(query.periodEnd) : null;
  if (date)
    Object.assign(form, {
      'periodEnd-day': String(Number(date[3])),
      'periodEnd-month': String(Number(date[2])),
      'periodEnd-year': date[1],
    });
  return form;
}

async function statementPage(app: AppContext, user: Principal, id: string, shown: Shown) {
  const statement = await statementOf(app.sequelize, user, id);
  const names = await centreNames(app, [statement.centreId]);
  const programmes = await programmeNames(app, shown.language);
  const pending = statement.status === 'open' ? await pendingPaymentOf(app.sequelize, statement.id) : undefined;
  const file = await statementPaymentFile(app.sequelize, statement.id);
  return {
    statement: statementShown(statement, names.get(statement.centreId) ?? statement.centreId, shown),
    programme: programmes.get(statement.programme) ?? statement.programme,
    pending: pending && { id: pending.id, on: shown.format.date(pending.requestedAt) },
    file: file && { id: file.id, messageId: file.messageId, on: shown.format.date(file.createdAt) },
  };
}

async function runPage(app: AppContext, user: Principal, id: string, shown: Shown) {
  const run = await settlementRunOf(app.sequelize, id);
  const names = await centreNames(
    app,
    run.statementList.map((statement) => statement.centreId),
  );
  const programmes = await programmeNames(app, shown.language);
  const debtor = await debtorAccountOf(app.sequelize, run.programme);
  const statements = run.statementList
    .map((statement) => statementShown(statement, names.get(statement.centreId) ?? statement.centreId, shown))
    .sort((a, b) => a.centre.localeCompare(b.centre));
  return {
    run: runShown(run, programmes, shown),
    statements,
    files: run.paymentFiles.map((file) => fileShown(file, shown)),
    debtor,
    // Where an administrator sets the account the file pays from, when it is missing.
    debtorPath: `/admin/programmes/${run.programme}/debtor-account/change`,
    canChange: canChange(user),
    key: randomUUID(),
  };
}

const doneOf = (value: unknown) => DONE.find((done) => done === value);

export const settlementPages = [
  definePage({
    method: 'get',
    path: '/admin/settlement',
    access: STAFF_READERS,
    handle: async ({ app, user, query, t, format, language, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const programmes = await programmeNames(app, language);
      const programme = typeof query.programme === 'string' && programmes.has(query.programme) ? query.programme : undefined;
      const page = await settlementRuns(app.sequelize, { programme, limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor this list did not issue: the page does not exist.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      const base = `/admin/settlement${programme ? `?programme=${programme}&` : '?'}`;
      render('pages/admin/settlement/list.njk', {
        runs: page.items.map((run) => runShown(run, programmes, { t, format, language })),
        programmes: [...programmes].map(([code, name]) => ({ code, name })),
        programme,
        newest: cursor ? base.slice(0, -1) : undefined,
        older: page.nextCursor ? `${base}cursor=${page.nextCursor}` : undefined,
        canChange: canChange(user),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/new',
    access: ['admin'],
    handle: async ({ app, query, language, render }) => {
      const programmes = await programmeNames(app, language);
      render('pages/admin/settlement/new.njk', {
        programmes: [...programmes].map(([code, name]) => ({ code, name })),
        form: runFormOf(query),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/settlement/new',
    access: ['admin'],
    handle: async ({ app, body, t, format, language, render }) => {
      const programmes = await programmeNames(app, language);
      const form = fieldsOf(body, RUN_FIELDS);
      const read = readRunForm(form, [...programmes.keys()], t);
      if (!read.ok) {
        const list = [...programmes].map(([code, name]) => ({ code, name }));
        return render('pages/admin/settlement/new.njk', { programmes: list, form, errors: read.errors }, 400);
      }
      render('pages/admin/settlement/check.njk', {
        answers: read.value,
        programme: programmes.get(read.value.programme),
        periodEnd: format.date(read.value.periodEnd),
        key: randomUUID(),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/settlement/run',
    access: ['admin'],
    handle: async ({ app, user, body, requestId, t, format, language, render, redirect }) => {
      const programmes = await programmeNames(app, language);
      const fields = fieldsOf(body, ['programme', 'periodEnd']);
      const answers = { programme: fields.programme ?? '', periodEnd: fields.periodEnd ?? '' };
      const [year = '', month = '', day = ''] = answers.periodEnd.split('-');
      const read = readRunForm(
        { programme: answers.programme, 'periodEnd-day': day, 'periodEnd-month': month, 'periodEnd-year': year },
        [...programmes.keys()],
        t,
      );
      if (!read.ok) {
        const list = [...programmes].map(([code, name]) => ({ code, name }));
        return render('pages/admin/settlement/new.njk', { programmes: list, form: runFormOf(answers), errors: read.errors }, 400);
      }
      const { programme, periodEnd } = read.value;
      const key = keyOf(body);
      const answer = await idempotently(
        app,
        { user, key, path: '/v1/settlements', body: { programme, periodEnd } },
        async (transaction) => ({
          status: 201,
          body: await runSettlement(
            app.sequelize,
            { code: programme, periodEnd, businessDate: app.clock.today(), actor: user, requestId },
            transaction,
          ),
        }),
      );
      if (answer.status === 201) return redirect(`/admin/settlement/runs/${(answer.body as { id: string }).id}?done=run`);
      render(
        'pages/admin/settlement/check.njk',
        {
          answers: read.value,
          programme: programmes.get(programme),
          periodEnd: format.date(periodEnd),
          key: randomUUID(),
          errors: fieldProblem('confirm', problemText(answer, t)),
        },
        answer.status,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/runs/:id',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const page = await runPage(app, user, idOf(params.id), { t, format, language });
      render('pages/admin/settlement/run.njk', { ...page, done: doneOf(query.done) });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/settlement/runs/:id/payment-files',
    access: ['admin'],
    handle: async ({ app, user, params, body, requestId, t, format, language, render, redirect }) => {
      const id = idOf(params.id);
      const page = await runPage(app, user, id, { t, format, language });
      const path = `/v1/settlements/${id}/payment-files`;
      const answer = await idempotently(app, { user, key: keyOf(body), path, body: {} }, async (transaction) => ({
        status: 201,
        body: await createPaymentFile(app, user, { runId: id, requestId }, transaction),
      }));
      if (answer.status === 201) return redirect(`/admin/settlement/runs/${id}?done=file`);
      render('pages/admin/settlement/run.njk', { ...page, errors: fieldProblem('make-file', problemText(answer, t)) }, answer.status);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/statements/:id',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const page = await statementPage(app, user, idOf(params.id), { t, format, language });
      render('pages/admin/settlement/statement.njk', { ...page, canChange: canChange(user), done: doneOf(query.done) });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/statements/:id/pay',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const page = await statementPage(app, user, idOf(params.id), { t, format, language });
      // Paid, or already waiting for a second administrator: its own page says so.
      if (page.statement.statusCode !== 'open' || page.pending) throw notFound('Page');
      render('pages/admin/settlement/pay.njk', { ...page, key: randomUUID() });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/settlement/statements/:id/pay',
    access: ['admin'],
    handle: async ({ app, user, params, body, requestId, t, format, language, render, redirect }) => {
      const id = idOf(params.id);
      await statementOf(app.sequelize, user, id);
      const path = `/v1/statements/${id}/payment`;
      const answer = await idempotently(app, { user, key: keyOf(body), path, body: {} }, async (transaction) => ({
        status: 202,
        body: await requestStatementPayment(app.sequelize, { statementId: id, actor: user, requestId }, transaction),
      }));
      if (answer.status === 202) return redirect(`/admin/settlement/statements/${id}?done=proposed`);
      const page = await statementPage(app, user, id, { t, format, language });
      render(
        'pages/admin/settlement/statement.njk',
        { ...page, canChange: canChange(user), errors: fieldProblem('propose', problemText(answer, t)) },
        answer.status,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/centres/:id',
    access: STAFF_READERS,
    handle: async ({ app, params, query, t, format, language, render }) => {
      const id = idOf(params.id);
      const name = await centreName(app.sequelize, id);
      if (name === undefined) throw notFound('Centre');
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await centreStatements(app.sequelize, id, { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      const programmes = await programmeNames(app, language);
      const base = `/admin/settlement/centres/${id}`;
      render('pages/admin/settlement/centre.njk', {
        centre: { id, name },
        statements: found.items.map((statement) => ({
          ...statementShown(statement, name, { t, format, language }),
          programme: programmes.get(statement.programme) ?? statement.programme,
        })),
        newest: cursor ? base : undefined,
        older: found.nextCursor ? `${base}?cursor=${found.nextCursor}` : undefined,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/settlement/payment-files/:id',
    access: STAFF_READERS,
    handle: async ({ app, params, res }) => {
      const file = await paymentFileXml(app.sequelize, idOf(params.id));
      res.status(200).type('application/xml; charset=utf-8').attachment(file.fileName).send(file.xml);
    },
  }),
];

// Recording a session and closing a cheque (issue 17, journey 2), through the services of POST
// /v1/centres/:centreId/vouchers/:code/sessions and .../close. A session is idempotent by a key
// written when the form is rendered, claimed as the API's route claims it, so a double submit or
// a refresh records it once. Non-billable kinds are offered and refused with the service's reason,
// so the person at the desk learns why. The close service keeps no draft: the plan stays in the
// form (and on the check page, in hidden fields) until it is submitted, editable until then.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import { AppError } from '../../../errors.js';
import { answerInStatement, requestFingerprint } from '../../../http/idempotency.js';
import { closeVoucher, readCentreVoucher, recordSession, sessionReply } from '../../../vouchers/vouchers.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { centreOf, chequeShown, isRestricted, type Shown } from './centre-view.js';

const KINDS = ['guidance', 'preparation', 'report_writing'] as const;

const number = (key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, key)
    .transform(Number);

const sessionForm = z
  .object({
    key: z.uuid('centre.session.errors.key'),
    'date-day': number('centre.session.errors.date'),
    'date-month': number('centre.session.errors.date'),
    'date-year': number('centre.session.errors.date'),
    hours: z
      .string()
      .trim()
      .regex(/^\d{1,2}([.,]\d{1,2})?$/, 'centre.session.errors.hours')
      .transform((hours) => new Decimal(hours.replace(',', '.')))
      .refine((hours) => hours.gt(0) && hours.lte(24) && hours.mod(0.25).isZero(), 'centre.session.errors.hours'),
    counsellor: z.string().trim().min(1, 'centre.session.errors.counsellor').max(200, 'centre.session.errors.counsellor'),
    kind: z.enum(KINDS, 'centre.session.errors.kind'),
  })
  .transform((form, context) => {
    const date = `${String(form['date-year']).padStart(4, '0')}-${String(form['date-month']).padStart(2, '0')}-${String(form['date-day']).padStart(2, '0')}`;
    const parsed = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date || form['date-year'] < 2000) {
      context.addIssue({ code: 'custom', path: ['date-day'], message: 'centre.session.errors.date' });
      return z.NEVER;
    }
    return { key: form.key, date, hours: form.hours, counsellor: form.counsellor, kind: form.kind };
  });

type SessionRefusal = { field: string; key: string };

/** Each refusal of the session service against the field it concerns. */
const SESSION_REFUSALS: Record<string, SessionRefusal> = {
  non_billable_session: { field: 'kind', key: 'centre.session.errors.nonBillable' },
  invalid_session_date: { field: 'date-day', key: 'centre.session.errors.dateOutside' },
  session_before_registration: { field: 'date-day', key: 'centre.session.errors.beforeRegistration' },
  session_outside_accreditation: { field: 'date-day', key: 'centre.session.errors.outsideAccreditation' },
  insufficient_balance: { field: 'hours', key: 'centre.session.errors.tooManyHours' },
  centre_not_accredited: { field: 'submit', key: 'centre.restricted.refused' },
  voucher_not_in_use: { field: 'submit', key: 'centre.session.errors.notInUse' },
  idempotency_key_reused: { field: 'submit', key: 'centre.session.errors.sentAlready' },
};

const closeForm = z.object({
  summary: z.string().trim().min(1, 'centre.close.errors.summary').max(5000, 'centre.close.errors.summary'),
  goals: z
    .string()
    .transform((goals) =>
      goals
        .split(/\r?\n/)
        .map((goal) => goal.trim())
        .filter((goal) => goal !== ''),
    )
    .refine((goals) => goals.length >= 1 && goals.length <= 20 && goals.every((goal) => goal.length <= 500), 'centre.close.errors.goals'),
  step: z.enum(['check', 'change', 'confirm']).catch('check'),
});

const CLOSE_REFUSALS: Record<string, string> = {
  centre_not_accredited: 'centre.restricted.refused',
  no_sessions: 'centre.close.errors.noSessions',
  voucher_not_in_use: 'centre.session.errors.notInUse',
};

/** The form's raw values, to be shown again as typed. */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));

async function chequeFor(app: Parameters<typeof readCentreVoucher>[0], user: Principal, code: string, shown: Shown) {
  return chequeShown(await readCentreVoucher(app, centreOf(user), code), shown);
}

const refusalOf = (body: unknown) => {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

const kindItems = (t: Translate, chosen: string | undefined) =>
  KINDS.map((kind) => ({
    value: kind,
    text: t(`centre.session.kinds.${kind}`),
    hint: { text: t(`centre.session.kindHints.${kind}`) },
    checked: chosen === kind,
  }));

export const centreSessionPages = [
  definePage({
    method: 'get',
    path: '/centre/cheques/:code/sessions/new',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, render, redirect, res }) => {
      const cheque = await chequeFor(app, user, params.code ?? '', { t, format });
      // Sessions are recorded on a cheque in use only: any other cheque's page says what it is.
      if (cheque.status !== 'in_use') return redirect(`/centre/cheques/${cheque.code}`);
      render('pages/centre/cheques/session.njk', {
        cheque,
        key: randomUUID(),
        values: {},
        kinds: kindItems(t, undefined),
        restricted: isRestricted(res.locals.centreStanding),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/cheques/:code/sessions/new',
    access: ['centre'],
    handle: async ({ app, user, params, body, t, format, render, redirect, res }) => {
      const cheque = await chequeFor(app, user, params.code ?? '', { t, format });
      const values = typed(body);
      const again = (errors: FormErrors, status: number) =>
        render(
          'pages/centre/cheques/session.njk',
          {
            cheque,
            key: randomUUID(),
            values,
            kinds: kindItems(t, values.kind),
            errors,
            restricted: isRestricted(res.locals.centreStanding),
          },
          status,
        );
      const form = parseForm(sessionForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      const session = { date: form.value.date, hours: form.value.hours, counsellor: form.value.counsellor, kind: form.value.kind };
      // Claimed as the API's route claims it: the same key answers alike through either.
      const path = `/v1/centres/${centreOf(user)}/vouchers/${cheque.code}/sessions`;
      const claim = {
        scope: `user:${user.userId}`,
        key: form.value.key,
        fingerprint: requestFingerprint('POST', path, { ...session, hours: session.hours.toFixed(2) }),
        instance: path,
      };
      const request = { principal: user, centreId: centreOf(user), code: cheque.code, session };
      let reply;
      try {
        reply = await answerInStatement(app.sequelize, claim, () => recordSession(app, request, claim), sessionReply);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'idempotency_key_reused') throw error;
        reply = { status: error.status, body: { code: error.code } };
      }
      if (reply.status === 201) return redirect(`/centre/cheques/${cheque.code}?done=recorded`);
      const refusal = SESSION_REFUSALS[refusalOf(reply.body)] ?? { field: 'submit', key: 'centre.errors.other' };
      const text = t(refusal.key, { from: cheque.registeredOn, until: cheque.validUntil, remaining: cheque.remaining });
      again(fieldProblem(refusal.field, text), reply.status ?? 409);
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/cheques/:code/close',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, render, redirect, res }) => {
      const cheque = await chequeFor(app, user, params.code ?? '', { t, format });
      if (cheque.status !== 'in_use') return redirect(`/centre/cheques/${cheque.code}`);
      render('pages/centre/cheques/close.njk', { cheque, values: {}, restricted: isRestricted(res.locals.centreStanding) });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/cheques/:code/close',
    access: ['centre'],
    handle: async ({ app, user, params, body, t, format, render, redirect, requestId, res }) => {
      const cheque = await chequeFor(app, user, params.code ?? '', { t, format });
      // A second submit of the confirmation finds the cheque closed already: the same answer.
      if (cheque.status === 'closed') return redirect(`/centre/cheques/${cheque.code}?done=closed`);
      const values = typed(body);
      const restricted = isRestricted(res.locals.centreStanding);
      const form = parseForm(closeForm, body, t);
      if (!form.ok) return render('pages/centre/cheques/close.njk', { cheque, values, restricted, errors: form.errors }, 400);
      const plan = { summary: form.value.summary, goals: form.value.goals };
      if (form.value.step === 'change') return render('pages/centre/cheques/close.njk', { cheque, values, restricted });
      if (form.value.step === 'check') return render('pages/centre/cheques/close-check.njk', { cheque, values, plan });
      try {
        await closeVoucher(app, { principal: user, centreId: centreOf(user), code: cheque.code, plan, requestId });
      } catch (error) {
        const key = error instanceof AppError ? CLOSE_REFUSALS[error.code] : undefined;
        if (!key || !(error instanceof AppError)) throw error;
        return render(
          'pages/centre/cheques/close-check.njk',
          { cheque, values, plan, errors: fieldProblem('submit', t(key)) },
          error.status,
        );
      }
      redirect(`/centre/cheques/${cheque.code}?done=closed`);
    },
  }),
];

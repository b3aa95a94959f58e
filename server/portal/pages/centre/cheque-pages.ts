// A centre's cheques (issue 17, journey 2): register a cheque from the code and client number the
// citizen gave (the service of POST /v1/centres/:centreId/vouchers/:code/registration, with its
// limits on tries; never a search over citizens), and the cheque itself: remaining hours, its
// sessions and, once closed, the development plan. Another centre's cheque is the portal's 404.
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { readCentreVoucher, registerVoucher } from '../../../vouchers/vouchers.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { centreOf, chequeShown, isRestricted } from './centre-view.js';

const CODE = /^[A-Za-z][A-Za-z0-9]{1,9}-[0-9A-Za-z]{10}$/;

const registrationForm = z.object({
  code: z
    .string()
    .trim()
    .transform((code) => code.toUpperCase())
    .pipe(z.string().regex(CODE, 'centre.register.errors.code')),
  clientNumber: z
    .string()
    .transform((number) => number.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{8}$/, 'centre.register.errors.clientNumber')),
});

/** What a refusal of the registration service means to the person at the desk, and which field it belongs to. */
function registrationRefusal(error: AppError): { field: string; key: string; values?: Record<string, string | number> } | undefined {
  if (error.status === 404) return { field: 'code', key: 'centre.register.errors.noMatch' };
  if (error.code === 'too_many_attempts') {
    const seconds = Number(error.extra.retryAfterSeconds ?? 0);
    return { field: 'clientNumber', key: 'centre.register.errors.tooMany', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } };
  }
  if (error.code === 'centre_not_accredited') return { field: 'code', key: 'centre.restricted.refused' };
  if (error.code === 'voucher_expired') return { field: 'code', key: 'centre.register.errors.expired' };
  if (error.code === 'centre_disputed') return { field: 'code', key: 'centre.register.errors.disputed' };
  if (error.code === 'voucher_not_issued') return { field: 'code', key: 'centre.register.errors.notIssued' };
  return undefined;
}

export const centreChequePages = [
  definePage({
    method: 'get',
    path: '/centre/cheques/register',
    access: ['centre'],
    handle: ({ render, res }) =>
      render('pages/centre/cheques/register.njk', { restricted: isRestricted(res.locals.centreStanding), values: {} }),
  }),
  definePage({
    method: 'post',
    path: '/centre/cheques/register',
    access: ['centre'],
    handle: async ({ app, user, body, t, render, redirect, requestId, res }) => {
      const centreId = centreOf(user);
      const again = (errors: FormErrors, status: number) =>
        render(
          'pages/centre/cheques/register.njk',
          // The client number is the cheque's secret: it is never written back into the page.
          { restricted: isRestricted(res.locals.centreStanding), values: { code: (body as { code?: unknown }).code }, errors },
          status,
        );
      const form = parseForm(registrationForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      const { code, clientNumber } = form.value;
      try {
        await registerVoucher(app, { principal: user, centreId, code, clientNumber, requestId });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // A second submit finds the cheque registered here already: the same answer as the first.
        if (error.code === 'voucher_not_issued') {
          const mine = await readCentreVoucher(app, centreId, code).catch(() => undefined);
          if (mine?.status === 'in_use') return redirect(`/centre/cheques/${mine.code}`);
        }
        const refusal = registrationRefusal(error);
        if (!refusal) throw error;
        return again(fieldProblem(refusal.field, t(refusal.key, refusal.values)), error.status);
      }
      redirect(`/centre/cheques/${code}?done=registered`);
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/cheques/:code',
    access: ['centre'],
    handle: async ({ app, user, params, query, t, format, render, res }) => {
      const cheque = await readCentreVoucher(app, centreOf(user), params.code ?? '');
      const done = typeof query.done === 'string' && ['registered', 'recorded', 'closed'].includes(query.done) ? query.done : undefined;
      render('pages/centre/cheques/cheque.njk', {
        cheque: chequeShown(cheque, { t, format }),
        restricted: isRestricted(res.locals.centreStanding),
        done,
      });
    },
  }),
];

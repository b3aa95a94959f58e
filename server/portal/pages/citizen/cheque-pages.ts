// Cheques (issue 16, journeys 2 and 3): the citizen's cheque rights with their cheques; order the
// next cheque after checking what it holds and what it costs (the service of POST
// /v1/entitlements/:id/vouchers, idempotent by a key generated when the check page is rendered);
// the cheque itself: while unpaid, the co-payment with how to pay and by when; once issued, the
// code and client number to hand over, large and grouped so they can be read out or printed, with
// the centres accredited for its programme today with their contact details, nearest a postcode the
// citizen gives first (by the postcodes' shared prefix: centresNear), and what happens next; and
// cancelling an unused cheque after a confirmation page.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { centresNear, postcodeSchema, telOf } from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { answerInTransaction, requestFingerprint } from '../../../http/idempotency.js';
import { findProgramme, hoursVoucherParametersOn, type ProgrammeRow } from '../../../programmes/programmes.js';
import { addDays } from '../../../shared/calendar.js';
import type { Language } from '../../../shared/language.js';
import { cancelVoucher, orderVoucher } from '../../../vouchers/vouchers.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { paginationOf } from '../../pagination.js';
import { allRights, chequeShown, ownCheque, ownRight, type Cheque, type Right, type Shown } from './cheque-view.js';
import { paymentPageOf } from './payment-pages.js';

/** Centres per page of the list on a cheque. */
const CENTRES_PAGE = 20;
const OPEN_STATES: readonly string[] = ['awaiting_payment', 'issued', 'in_use'];

const programmeName = (programme: ProgrammeRow | undefined, code: string, language: Language) =>
  programme ? (language === 'nl' ? programme.nameNl : programme.name) : code;

/** A right spent with cheques (its programme is of kind hours_voucher), with its programme; the portal's 404 otherwise. */
async function chequeRight(app: AppContext, user: Principal, id: string): Promise<{ right: Right; programme: ProgrammeRow }> {
  const right = await ownRight(app, user, id);
  const programme = await findProgramme(app.sequelize, right.programme);
  if (programme?.kind !== 'hours_voucher' || !('vouchers' in right)) throw notFound('Entitlement');
  return { right, programme };
}

const hoursText = (hours: Decimal.Value, { t, format }: Shown) =>
  t('claim.hoursValue', { hours: format.hours(new Decimal(hours).toFixed()) });

/** What the next cheque would hold and cost: the programme's sequence of cheque hours, within what the right has left. */
async function nextCheque(app: AppContext, right: Right, programme: ProgrammeRow, shown: Shown) {
  const parameters = await hoursVoucherParametersOn(app.sequelize, programme.code, app.clock.today());
  const vouchers = 'vouchers' in right ? right.vouchers : [];
  const used = vouchers.filter((voucher) => voucher.status === 'closed' || voucher.status === 'expired').length;
  const planned = parameters.voucherHours[used];
  const available = new Decimal(right.balance.available);
  return {
    hours: planned && available.gt(0) ? hoursText(Decimal.min(planned, available), shown) : undefined,
    coPayment: shown.format.money(parameters.coPayment.toFixed(2), programme.currency),
    dueBy: shown.format.date(addDays(app.clock.today(), parameters.coPaymentDueDays)),
    validityMonths: parameters.voucherValidityMonths,
  };
}

async function orderPage(app: AppContext, user: Principal, id: string, shown: Shown) {
  const { right, programme } = await chequeRight(app, user, id);
  return {
    right: {
      id: right.id,
      available: hoursText(right.balance.available, shown),
      programme: programmeName(programme, programme.code, shown.language),
    },
    next: await nextCheque(app, right, programme, shown),
  };
}

const orderForm = z.object({ key: z.uuid() });

/** The order's Idempotency-Key claimed as the API's route claims it, so the same key answers alike through either. */
const orderClaim = (user: Principal, entitlementId: string, key: string) => {
  const path = `/v1/entitlements/${entitlementId}/vouchers`;
  return { scope: `user:${user.userId}`, key, fingerprint: requestFingerprint('POST', path, {}), instance: path };
};

const ORDER_REFUSALS: Record<string, string> = {
  voucher_open: 'cheque.order.refusals.open',
  no_vouchers_left: 'cheque.order.refusals.noneLeft',
  entitlement_ended: 'cheque.order.refusals.ended',
};

/** Which centres to show: nearest a postcode first (none: by name), page `page`. */
type CentresAsked = { near: string | undefined; page: number };

const nearForm = z.object({ near: postcodeSchema });

/**
 * `?near=` as the API checks a postcode (blank: none), or its problem named at the field, the list
 * then shown by name; `?page=` a page number (anything else: the first page).
 */
function centresAsked(query: Record<string, unknown>, t: Shown['t']): { asked: CentresAsked; value: string; errors?: FormErrors } {
  const value = typeof query.near === 'string' ? query.near : '';
  const page = typeof query.page === 'string' && /^\d{1,5}$/.test(query.page) ? Math.max(Number(query.page), 1) : 1;
  if (value.trim() === '') return { asked: { near: undefined, page }, value: '' };
  const form = parseForm(nearForm, { near: value }, t);
  if (!form.ok) return { asked: { near: undefined, page: 1 }, value, errors: fieldProblem('near', t('cheque.centres.errors.near')) };
  return { asked: { near: form.value.near, page }, value: form.value.near };
}

/** A page of the centres accredited today for the cheque's programme, with their contact details; a page past the last shows the first. */
async function centresFor(app: AppContext, cheque: Cheque, programme: string, asked: CentresAsked) {
  const query = { programme, postcode: asked.near, limit: CENTRES_PAGE };
  let found = await centresNear(app, { ...query, offset: (asked.page - 1) * CENTRES_PAGE });
  const pages = Math.max(1, Math.ceil(found.total / CENTRES_PAGE));
  const page = asked.page > pages ? 1 : asked.page;
  if (page !== asked.page) found = await centresNear(app, { ...query, offset: 0 });
  const nearPart = asked.near ? `near=${encodeURIComponent(asked.near)}&` : '';
  return {
    items: found.items.map((centre) => ({
      name: centre.name,
      email: centre.email,
      address: centre.address,
      place: [centre.postcode, centre.municipality].filter((part) => part !== null).join(' ') || undefined,
      phone: centre.phone,
      tel: centre.phone === null ? undefined : telOf(centre.phone),
      website: centre.website,
    })),
    near: asked.near,
    pagination: paginationOf(page, pages, (number) => `/citizen/cheques/${cheque.code}?${nearPart}page=${number}#centres`),
  };
}

async function chequePage(app: AppContext, user: Principal, cheque: Cheque, asked: CentresAsked, shown: Shown) {
  const right = await ownRight(app, user, cheque.entitlementId);
  const programme = await findProgramme(app.sequelize, right.programme);
  return {
    cheque: chequeShown(cheque, shown),
    programme: programmeName(programme, right.programme, shown.language),
    payable: cheque.status === 'awaiting_payment' && paymentPageOf(app, cheque) !== undefined,
    centres: cheque.status === 'issued' || cheque.status === 'in_use' ? await centresFor(app, cheque, right.programme, asked) : undefined,
  };
}

export const chequePages = [
  definePage({
    method: 'get',
    path: '/citizen/cheques',
    access: ['citizen'],
    handle: async ({ app, user, t, format, language, render }) => {
      const shown = { t, format, language };
      const rights = [];
      for (const right of await allRights(app, user)) {
        if (!('vouchers' in right)) continue;
        const programme = await findProgramme(app.sequelize, right.programme);
        if (programme?.kind !== 'hours_voucher') continue;
        rights.push({
          id: right.id,
          programme: programmeName(programme, right.programme, language),
          available: hoursText(right.balance.available, shown),
          periodEnd: format.date(right.periodEnd),
          mayOrder:
            right.status === 'active' &&
            new Decimal(right.balance.available).gt(0) &&
            !right.vouchers.some((voucher) => OPEN_STATES.includes(voucher.status)),
          cheques: right.vouchers.map((voucher) => ({
            code: voucher.code,
            hours: hoursText(voucher.hours.amount, shown),
            status: t(`cheque.status.${voucher.status}`),
          })),
        });
      }
      render('pages/citizen/cheques/list.njk', { rights });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/rights/:id/cheques/new',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      render('pages/citizen/cheques/order.njk', {
        ...(await orderPage(app, user, params.id ?? '', { t, format, language })),
        key: randomUUID(),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/rights/:id/cheques/new',
    access: ['citizen'],
    handle: async ({ app, user, params, body, t, format, language, render, redirect }) => {
      const shown = { t, format, language };
      const page = await orderPage(app, user, params.id ?? '', shown);
      const again = (errors: FormErrors, status: number) =>
        render('pages/citizen/cheques/order.njk', { ...page, key: randomUUID(), errors }, status);
      // The key is a hidden field the check page wrote: without it the page is stale, and the button is what to press again.
      const form = orderForm.safeParse(body);
      if (!form.success) return again(fieldProblem('confirm', t('cheque.errors.key')), 400);
      const reply = await answerInTransaction(app.sequelize, orderClaim(user, page.right.id, form.data.key), async (transaction) => ({
        status: 201,
        body: await orderVoucher(app, { principal: user, entitlementId: page.right.id, transaction }),
      }));
      const ordered = reply.body as { code?: unknown };
      if (reply.status === 201 && typeof ordered.code === 'string') return redirect(`/citizen/cheques/${ordered.code}`);
      const code = String((reply.body as { code?: unknown }).code);
      again(fieldProblem('confirm', t(ORDER_REFUSALS[code] ?? 'cheque.order.refusals.other')), reply.status ?? 409);
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/cheques/:code',
    access: ['citizen'],
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const cheque = await ownCheque(app, user, params.code ?? '');
      const { asked, value, errors } = centresAsked(query, t);
      const shown = await chequePage(app, user, cheque, asked, { t, format, language });
      // A postcode the list cannot use: the list by name, with the problem named at the field.
      render(
        'pages/citizen/cheques/cheque.njk',
        { ...shown, nearValue: value, errors: shown.centres && errors },
        shown.centres && errors ? 400 : 200,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/cheques/:code/cancel',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render, redirect }) => {
      const cheque = await ownCheque(app, user, params.code ?? '');
      if (!chequeShown(cheque, { t, format, language }).cancellable) return redirect(`/citizen/cheques/${cheque.code}`);
      render('pages/citizen/cheques/cancel.njk', { cheque: chequeShown(cheque, { t, format, language }) });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/cheques/:code/cancel',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render, redirect }) => {
      const cheque = await ownCheque(app, user, params.code ?? '');
      // A second submit of the same confirmation finds the cheque cancelled already: the same answer.
      if (cheque.status === 'cancelled') return redirect(`/citizen/cheques/${cheque.code}/cancelled`);
      try {
        await cancelVoucher(app, { principal: user, code: cheque.code });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'voucher_not_cancellable')) throw error;
        const errors = fieldProblem('confirm', t('cheque.cancel.notCancellable'));
        return render('pages/citizen/cheques/cancel.njk', { cheque: chequeShown(cheque, { t, format, language }), errors }, 409);
      }
      redirect(`/citizen/cheques/${cheque.code}/cancelled`);
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/cheques/:code/cancelled',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const cheque = await ownCheque(app, user, params.code ?? '');
      if (cheque.status !== 'cancelled') throw notFound('Voucher');
      render('pages/citizen/cheques/cancelled.njk', { cheque: chequeShown(cheque, { t, format, language }) });
    },
  }),
];

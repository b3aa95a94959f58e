// Paying a cheque's co-payment. Where a payment provider is configured (PAYMENT_PAGE_URL), "Pay"
// goes to its page, and the provider confirms through the signed callback of POST
// /v1/vouchers/:code/payments. Outside production, without one, a local stand-in page takes its
// place, clearly labelled as such: it signs the provider's callback with the configured secret
// (PAYMENT_WEBHOOK_SECRET) and hands it, in process, to the very check and service the API's
// route runs (authenticatePayment, then confirmPayment under the same Idempotency-Key rules), so
// the cheque is issued exactly as a real provider's callback would issue it. The stand-in's key
// is generated when its page is rendered: paying twice from one page confirms once.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { AppError, notFound } from '../../../errors.js';
import { answerInTransaction, requestFingerprint } from '../../../http/idempotency.js';
import type { Reply } from '../../../http/route.js';
import { authenticatePayment, confirmPayment, paymentBody, signPaymentCallback } from '../../../vouchers/vouchers.js';
import { fieldProblem } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { chequeShown, ownCheque, type Cheque } from './cheque-view.js';

const standInOpen = (app: AppContext) => app.config.env !== 'production' && app.config.paymentPageUrl === undefined;

/** Where the citizen pays this cheque: the provider's page, the development stand-in, or nowhere (an administrator confirms). */
export function paymentPageOf(app: AppContext, cheque: Pick<Cheque, 'code' | 'coPayment'>): string | undefined {
  const provider = app.config.paymentPageUrl;
  if (provider) {
    const values: Record<string, string> = { code: cheque.code, amount: cheque.coPayment.amount, currency: cheque.coPayment.currency };
    return provider.replace(/\{(code|amount|currency)\}/g, (_whole, name: string) => encodeURIComponent(values[name] ?? ''));
  }
  return standInOpen(app) ? `/citizen/pay/${cheque.code}` : undefined;
}

/** The provider's callback for this cheque, signed and checked as the API's route checks it, then confirmed in process. */
async function payThroughSignedCallback(app: AppContext, cheque: Cheque, key: string, requestId: string): Promise<Reply> {
  const secret = app.config.paymentWebhookSecret;
  if (!secret) throw new Error('the payment stand-in needs PAYMENT_WEBHOOK_SECRET to sign its callback');
  const path = `/v1/vouchers/${cheque.code}/payments`;
  const body = { amount: cheque.coPayment.amount, reference: `STAND-IN-${key.slice(0, 8).toUpperCase()}` };
  const rawBody = Buffer.from(JSON.stringify(body));
  const timestamp = String(Math.floor(app.clock.now().getTime() / 1000));
  const signature = signPaymentCallback(secret, { method: 'POST', path, timestamp, rawBody });
  const headers = { 'x-signature': signature, 'x-signature-timestamp': timestamp };
  const provider = authenticatePayment({ app, method: 'POST', path, headers, rawBody });
  if (!provider) throw new Error('a signed callback names the payment provider');
  const payment = paymentBody.parse(body);
  const claim = { scope: `user:${provider.userId}`, key, fingerprint: requestFingerprint('POST', path, body), instance: path };
  return answerInTransaction(app.sequelize, claim, async (transaction) => ({
    status: 200,
    body: await confirmPayment(app, { principal: provider, code: cheque.code, ...payment, transaction, requestId }),
  }));
}

const payForm = z.object({ key: z.uuid() });

const PAYMENT_REFUSALS: Record<string, string> = {
  payment_overdue: 'cheque.pay.refusals.overdue',
  voucher_not_payable: 'cheque.pay.refusals.notPayable',
};

/** The stand-in only serves while it is open, for the citizen's own cheque that awaits its co-payment. */
async function standInCheque(app: AppContext, user: Parameters<typeof ownCheque>[1], code: string) {
  if (!standInOpen(app)) throw notFound('Page');
  return ownCheque(app, user, code);
}

export const paymentPages = [
  definePage({
    method: 'get',
    path: '/citizen/cheques/:code/pay',
    access: ['citizen'],
    handle: async ({ app, user, params, redirect }) => {
      const cheque = await ownCheque(app, user, params.code ?? '');
      if (cheque.status !== 'awaiting_payment') return redirect(`/citizen/cheques/${cheque.code}`);
      const page = paymentPageOf(app, cheque);
      if (!page) throw notFound('Payment page');
      redirect(page);
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/pay/:code',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render, redirect }) => {
      const cheque = await standInCheque(app, user, params.code ?? '');
      if (cheque.status !== 'awaiting_payment') return redirect(`/citizen/cheques/${cheque.code}`);
      render('pages/citizen/cheques/pay-stand-in.njk', {
        cheque: chequeShown(cheque, { t, format, language }),
        key: randomUUID(),
        signs: app.config.paymentWebhookSecret !== undefined,
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/pay/:code',
    access: ['citizen'],
    handle: async ({ app, user, params, body, t, format, language, requestId, render, redirect }) => {
      const cheque = await standInCheque(app, user, params.code ?? '');
      const shown = chequeShown(cheque, { t, format, language });
      const signs = app.config.paymentWebhookSecret !== undefined;
      const form = payForm.safeParse(body);
      if (!form.success || !signs) {
        const errors = fieldProblem('pay', t(form.success ? 'cheque.pay.noSecret' : 'cheque.errors.key'));
        return render('pages/citizen/cheques/pay-stand-in.njk', { cheque: shown, key: randomUUID(), signs, errors }, 400);
      }
      const reply = await payThroughSignedCallback(app, cheque, form.data.key, requestId).catch((error: unknown) => {
        if (error instanceof AppError && error.status < 500) return { status: error.status, body: { code: error.code } };
        throw error;
      });
      const code = String((reply.body as { code?: unknown }).code);
      // Paid now, or paid already (a second page of the same cheque): either way the cheque is issued.
      if (reply.status === 200 || code === 'already_paid') return redirect(`/citizen/cheques/${cheque.code}`);
      const errors = fieldProblem('pay', t(PAYMENT_REFUSALS[code] ?? 'cheque.pay.refusals.other'));
      render('pages/citizen/cheques/pay-stand-in.njk', { cheque: shown, key: randomUUID(), signs, errors }, reply.status ?? 409);
    },
  }),
];

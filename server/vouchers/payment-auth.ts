// Who may confirm a co-payment: an administrator with a bearer token, or the payment provider's
// callback. The provider signs, with HMAC-SHA256 and PAYMENT_WEBHOOK_SECRET, the exact string
//   `${X-Signature-Timestamp}.${METHOD} ${path}.${raw body}`
// e.g. `1767258000.POST /v1/vouchers/LBC-7K3M9Q2XWT/payments.{"amount":"40.00"}` (the path as in
// the URL, without a query), and sends `X-Signature: sha256=<hex>`. The body does not name the
// cheque, so the path must be signed too: otherwise a captured callback could be replayed against
// another unpaid cheque's URL. The timestamp (unix seconds) must be within 5 minutes of the
// service clock, so a callback cannot be replayed later with a fresh timestamp. A request without
// a signature is left to the usual bearer-token check (administrators).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { unauthenticated } from '../errors.js';

/** The pseudo-principal of a signed callback; services recognise it by this user id. */
export const PAYMENT_PROVIDER_USER = 'payment-provider';
const TOLERANCE_SECONDS = 5 * 60;
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

type Headers = Record<string, string | string[] | undefined>;
export type SignedRequest = { method: string; path: string; timestamp: string; rawBody: string | Buffer };

export const isPaymentProvider = (principal: Principal) => principal.userId === PAYMENT_PROVIDER_USER;

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const refused = () => unauthenticated('The payment callback signature is missing, stale or wrong.');

export function signPaymentCallback(secret: string, request: SignedRequest): string {
  const hmac = createHmac('sha256', secret)
    .update(`${request.timestamp}.${request.method.toUpperCase()} ${request.path}.`)
    .update(request.rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/**
 * The route's custom authentication, run before validation or any read: a request with
 * X-Signature is a provider callback whose HMAC covers this very request (method, path and
 * body), or it is a 401.
 */
export function authenticatePayment(request: {
  app: AppContext;
  method: string;
  path: string;
  headers: Headers;
  rawBody: Buffer | undefined;
}): Principal | undefined {
  const signature = header(request.headers['x-signature']);
  if (signature === undefined) return undefined;
  const secret = request.app.config.paymentWebhookSecret;
  const timestamp = freshTimestamp(request.app, request.headers);
  if (!secret || !request.rawBody || !SIGNATURE.test(signature)) throw refused();
  const expected = Buffer.from(
    signPaymentCallback(secret, { method: request.method, path: request.path, timestamp, rawBody: request.rawBody }),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return { userId: PAYMENT_PROVIDER_USER, role: 'admin', email: 'payment-provider@callback.invalid', centreId: null, citizenId: null };
}

function freshTimestamp(app: AppContext, headers: Headers): string {
  const timestamp = header(headers['x-signature-timestamp']);
  if (!app.config.paymentWebhookSecret || !timestamp || !/^\d{1,12}$/.test(timestamp)) throw refused();
  if (Math.abs(app.clock.now().getTime() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) throw refused();
  return timestamp;
}

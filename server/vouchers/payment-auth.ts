// Who may confirm a co-payment: an administrator with a bearer token, or the payment provider's
// callback. The provider signs `${X-Signature-Timestamp}.${raw body}` with HMAC-SHA256 and
// PAYMENT_WEBHOOK_SECRET and sends `X-Signature: sha256=<hex>`; the timestamp (unix seconds) is
// inside the signature and must be within 5 minutes of the service clock, so a captured callback
// cannot be replayed later with a fresh timestamp. A request without a signature is left to the
// usual bearer-token check (administrators).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { unauthenticated } from '../errors.js';

/** The pseudo-principal of a verified callback; services recognise it by this user id. */
export const PAYMENT_PROVIDER_USER = 'payment-provider';
const TOLERANCE_SECONDS = 5 * 60;

export const isPaymentProvider = (principal: Principal) => principal.userId === PAYMENT_PROVIDER_USER;

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function signPaymentCallback(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export function authenticatePayment(input: { app: AppContext; headers: Record<string, string | string[] | undefined>; rawBody: Buffer | undefined }): Principal | undefined {
  const signature = header(input.headers['x-signature']);
  if (signature === undefined) return undefined;
  return verifyCallback(input.app, signature, header(input.headers['x-signature-timestamp']), input.rawBody);
}

function verifyCallback(app: AppContext, signature: string, timestamp: string | undefined, rawBody: Buffer | undefined): Principal {
  const secret = app.config.paymentWebhookSecret;
  const refused = unauthenticated('The payment callback signature is missing, stale or wrong.');
  if (!secret || !timestamp || !/^\d{1,12}$/.test(timestamp) || !rawBody) throw refused;
  const skew = Math.abs(app.clock.now().getTime() / 1000 - Number(timestamp));
  if (skew > TOLERANCE_SECONDS) throw refused;
  const expected = Buffer.from(signPaymentCallback(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused;
  return { userId: PAYMENT_PROVIDER_USER, role: 'admin', email: 'payment-provider@callback.invalid', centreId: null, citizenId: null };
}

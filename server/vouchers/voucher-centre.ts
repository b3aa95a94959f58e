// A centre registers an issued cheque with the client number the citizen gave it, binding the
// cheque to this centre. The client number is the cheque's only secret, so the order of checks
// is what keeps it one:
//   1. the centre's accreditation for the code's programme (422 whatever the code and number, so
//      a suspended centre learns nothing: centre-voucher-access.ts);
//   2. a registration try, taken before any comparison (429 past the cheque's or the centre's
//      limit, registration-try-store.ts);
//   3. the code and number: an unknown code, a wrong number and a cheque bound elsewhere are the
//      same 404; the citizen is told once per burst that a centre tried;
//   4. only then the cheque's state (409), since the number proved the caller holds the cheque.
import { timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { centreName } from '../centres/centres.js';
import { AppError, conflict, notFound } from '../errors.js';
import { notify } from '../notifications/notifications.js';
import { assertAccreditedForCode, type CentreVoucherRequest } from './centre-voucher-access.js';
import { upheldAtCentre } from './dispute-store.js';
import { claimBurstNotice, giveBackTry, takeRegistrationTry } from './registration-try-store.js';
import { normaliseCode } from './voucher-codes.js';
import { voucherBalance } from './voucher-ledger.js';
import { findVoucherByCode, moveVoucher, type OwnedVoucherRow } from './voucher-store.js';
import { voucherView } from './voucher-view.js';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function registerVoucher(app: AppContext, request: CentreVoucherRequest & { clientNumber: string }) {
  const code = normaliseCode(request.code);
  const { centreId } = request;
  await assertAccreditedForCode(app, centreId, code);
  const attempt = await takeRegistrationTry(app.sequelize, { code, centreId, now: app.clock.now(), limits: app.config.chequeRegistration });
  if (!attempt.taken) {
    const detail =
      attempt.limit === 'cheque'
        ? 'This cheque refuses registration for now: too many tries with a wrong client number'
        : 'This centre made too many registration tries this hour';
    throw new AppError(429, 'too_many_attempts', `${detail}; try again later.`, { retryAfterSeconds: attempt.retryAfterSeconds });
  }
  // A refusal is returned, not thrown, so what it writes (the notice, the given-back try) commits.
  const outcome = await app.sequelize.transaction(
    async (t): Promise<{ refused: AppError } | { registered: ReturnType<typeof voucherView> }> => {
      const voucher = await findVoucherByCode(app.sequelize, code, { transaction: t, lock: 'update' });
      if (!voucher) return { refused: notFound('Voucher') };
      if (!sameSecret(voucher.client_number, request.clientNumber) || (voucher.centre_id !== null && voucher.centre_id !== centreId)) {
        await tellCitizenOfTry(app, voucher, centreId, t);
        return { refused: notFound('Voucher') };
      }
      await giveBackTry(app.sequelize, { code, centreId, hour: attempt.hour }, t);
      const today = app.clock.today();
      if (voucher.status !== 'issued') {
        return {
          refused: conflict(
            'voucher_not_issued',
            `The cheque is ${voucher.status}: only an issued (paid, unused) cheque can be registered.`,
            { status: voucher.status },
          ),
        };
      }
      if (voucher.valid_until !== null && today > voucher.valid_until)
        return { refused: conflict('voucher_expired', `The cheque was valid until ${voucher.valid_until}.`) };
      // Released after an upheld dispute on a session here (dispute-service.ts): the hours it got back are not this centre's to bill.
      if (await upheldAtCentre(app.sequelize, voucher.id, centreId, t)) {
        return {
          refused: conflict(
            'centre_disputed',
            'A dispute on a session this centre recorded on the cheque was upheld: the citizen registers it at another centre.',
          ),
        };
      }
      const moved = await moveVoucher(
        app.sequelize,
        voucher.id,
        ['issued'],
        { status: 'in_use', centre_id: centreId, registered_at: app.clock.now() },
        t,
      );
      if (!moved) throw new Error(`voucher ${voucher.id} changed while locked`);
      // By the cheque's id: its code (with a client number) is what registers a cheque, so the log names neither.
      await recordAudit(app.sequelize, t, {
        actor: request.principal,
        action: 'voucher.registered',
        entityType: 'voucher',
        entityId: voucher.id,
        before: { status: voucher.status, centreId: voucher.centre_id },
        after: { status: moved.status, centreId: moved.centre_id, registeredAt: moved.registered_at?.toISOString() ?? null },
        ...(request.requestId ? { requestId: request.requestId } : {}),
      });
      return { registered: voucherView(moved, { remaining: await voucherBalance(app.sequelize, moved, t), showClientNumber: false }) };
    },
  );
  if ('refused' in outcome) throw outcome.refused;
  return outcome.registered;
}

/** Once per burst of refused tries, the citizen hears which centre tried to register the cheque. */
async function tellCitizenOfTry(app: AppContext, voucher: OwnedVoucherRow, centreId: string, transaction: Transaction) {
  if (!(await claimBurstNotice(app.sequelize, voucher.code, app.clock.now(), transaction))) return;
  const knownName = await centreName(app.sequelize, centreId, transaction);
  const name = knownName ?? 'A centre';
  const { perCheque } = app.config.chequeRegistration;
  await notify(app.sequelize, transaction, {
    userId: voucher.citizen_user_id,
    kind: 'voucher_registration_refused',
    subject: `${name} tried to register your cheque ${voucher.code}`,
    body:
      `${name} tried to register your cheque ${voucher.code} with a wrong client number (or while it is registered elsewhere). ` +
      `If you did not give them your cheque, keep your client number to yourself: after ${perCheque} wrong tries the cheque refuses registration for a while.`,
    data: { voucherCode: voucher.code, centreId, centreName: knownName ?? null },
  });
}

// How a centre reaches a cheque: only through the URL of its own centre (the router holds staff
// to it, see the routes' `centreParam`) and the cheque code the citizen handed it (and, to
// register, the client number too). Everything else (an unknown code, a wrong client number, a
// cheque bound to another centre) is the same 404, so a centre learns nothing by probing.
import { timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { normaliseCode } from './voucher-codes.js';
import { findVoucherByCode, type OwnedVoucherRow } from './voucher-store.js';

export type CentreVoucherRequest = { principal: Principal; centreId: string; code: string };

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The cheque bound to this centre (or, with `clientNumber`, one that is not bound yet), locked. */
export async function centreVoucher(
  app: AppContext,
  request: CentreVoucherRequest & { clientNumber?: string },
  transaction: Transaction,
  lock: 'update' | 'share' = 'update',
): Promise<OwnedVoucherRow> {
  const missing = notFound('Voucher');
  const voucher = await findVoucherByCode(app.sequelize, normaliseCode(request.code), { transaction, lock });
  if (!voucher) throw missing;
  if (request.clientNumber !== undefined) {
    if (!sameSecret(voucher.client_number, request.clientNumber)) throw missing;
    if (voucher.centre_id !== null && voucher.centre_id !== request.centreId) throw missing;
    return voucher;
  }
  if (voucher.centre_id !== request.centreId) throw missing;
  return voucher;
}

// How a centre reaches a cheque: only through the URL of its own centre (the router holds staff
// to it, see the routes' `centreParam`) and the cheque code the citizen handed it; registering it
// takes the client number too (voucher-centre.ts). An unknown code and a cheque bound to another
// centre are the same 404, so a centre learns nothing by probing.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { assertActiveAccreditation } from '../centres/centres.js';
import { notFound } from '../errors.js';
import { normaliseCode, prefixOfCode } from './voucher-codes.js';
import { findVoucherByCode, programmeOfCode, type OwnedVoucherRow } from './voucher-store.js';

export type CentreVoucherRequest = { principal: Principal; centreId: string; code: string; requestId?: string };

/** The cheque bound to this centre, locked. */
export async function centreVoucher(app: AppContext, request: CentreVoucherRequest, transaction: Transaction): Promise<OwnedVoucherRow> {
  const voucher = await findVoucherByCode(app.sequelize, normaliseCode(request.code), { transaction, lock: 'update' });
  if (!voucher || voucher.centre_id !== request.centreId) throw notFound('Voucher');
  return voucher;
}

/**
 * 422 centre_not_accredited unless the centre holds an active accreditation today for the
 * programme of this code (voucher-store.ts programmeOfCode), checked before anything else about
 * the code, so a suspended centre learns nothing by probing. A code no programme's cheques could
 * carry is a 404: there is nothing behind it to learn.
 */
export async function assertAccreditedForCode(app: AppContext, centreId: string, code: string): Promise<void> {
  const today = app.clock.today();
  const normalised = normaliseCode(code);
  const programme = await programmeOfCode(app.sequelize, normalised, prefixOfCode(normalised), today);
  if (!programme) throw notFound('Voucher');
  await assertActiveAccreditation(app.sequelize, centreId, programme, today);
}

// Ordering a cheque: the next one of the sequence (4 h, then 3 h: parameter voucherHours), its
// hours moved from the entitlement to the cheque's own account [reserve], and a co-payment due
// within coPaymentDueDays. A cancelled cheque frees its place in the sequence; a closed or
// expired one uses it. Each cheque holds min(its planned hours, what the right still has): the
// split is the programme's rule, so hours a closed or expired cheque returned do not make the
// next cheque bigger; what is left after the last cheque stays on the entitlement. Any
// hours_voucher programme: its parameters, currency and code prefix are those of the right's
// programme. One cheque per programme is open at a time.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { uniqueViolationOf } from '../db/database.js';
import { addDays } from '../shared/calendar.js';
import { conflict, notFound } from '../errors.js';
import { postTransaction, getAccount } from '../ledger/ledger.js';
import { findProgramme, hoursVoucherParametersOn } from '../programmes/programmes.js';
import { newClientNumber, newVoucherCode, voucherPrefixOf } from './voucher-codes.js';
import { endedVoucherCount, insertVoucher, openVoucherCount } from './voucher-store.js';
import { voucherView } from './voucher-view.js';
import { entitlementAccountId, findEntitlement, openVoucherAccount } from '../entitlements/entitlements.js';

const voucherOpen = () => conflict('voucher_open', 'Another cheque of yours is still open: it must be closed, expired or cancelled first.');

export async function orderVoucher(app: AppContext, input: { principal: Principal; entitlementId: string; transaction: Transaction }) {
  const { sequelize } = app;
  const t = input.transaction;
  const entitlement = await findEntitlement(sequelize, input.entitlementId, { transaction: t, lock: true });
  if (!entitlement || entitlement.citizen_id !== input.principal.citizenId) throw notFound('Entitlement');
  const today = app.clock.today();
  const code = entitlement.programme_code;
  const programme = await findProgramme(sequelize, code, t);
  if (programme?.kind !== 'hours_voucher') {
    throw conflict(
      'not_a_voucher_programme',
      'Only the rights of an hours voucher programme (such as loopbaancheques) are spent with cheques.',
    );
  }
  if (entitlement.status !== 'active' || today > entitlement.period_end)
    throw conflict('entitlement_ended', `This right ended on ${entitlement.period_end}.`);
  if ((await openVoucherCount(sequelize, entitlement.citizen_id, code, t)) > 0) throw voucherOpen();
  const parameters = await hoursVoucherParametersOn(sequelize, code, today, t);
  const sequence = (await endedVoucherCount(sequelize, entitlement.id, t)) + 1;
  const accountId = await entitlementAccountId(sequelize, entitlement, t);
  const available = accountId ? ((await getAccount(sequelize, accountId, t))?.available ?? new Decimal(0)) : new Decimal(0);
  const planned = parameters.voucherHours[sequence - 1];
  if (!accountId || planned === undefined || available.lte(0)) {
    throw conflict('no_vouchers_left', 'All cheques of this right have been used.');
  }
  const hours = Decimal.min(planned, available);
  const voucherId = randomUUID();
  const voucherAccount = await openVoucherAccount(sequelize, code, voucherId, t);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'reserve',
      businessDate: today,
      idempotencyKey: `voucher-reserve:${voucherId}`,
      metadata: { voucherId, entitlementId: entitlement.id, sequence },
      entries: [
        { accountId, amount: hours.negated() },
        { accountId: voucherAccount, amount: hours },
      ],
    },
    t,
  );
  const row = await insertVoucher(
    sequelize,
    {
      id: voucherId,
      code: newVoucherCode(voucherPrefixOf(code, parameters.values)),
      client_number: newClientNumber(),
      entitlement_id: entitlement.id,
      citizen_id: entitlement.citizen_id,
      programme_code: code,
      sequence,
      hours: hours.toFixed(2),
      co_payment_amount: parameters.coPayment.toFixed(2),
      co_payment_currency: programme.currency,
      due_by: addDays(today, parameters.coPaymentDueDays),
      account_id: voucherAccount,
      reserve_transaction_id: posted.transactionId,
    },
    t,
  ).catch((error: unknown) => {
    throw isOpenVoucherClash(error) ? voucherOpen() : error;
  });
  return voucherView(row);
}

/** A concurrent order of the same citizen (another right of the programme) met the one-open-cheque index. */
function isOpenVoucherClash(error: unknown): boolean {
  return uniqueViolationOf(error) === 'vouchers_one_open_idx';
}

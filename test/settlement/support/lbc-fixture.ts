// A cheque of an hours voucher programme (a test's own, opened like LBC) in use at a centre,
// reached through the voucher services themselves (order, pay, register, record sessions); only
// the grant is posted here directly, the way the claim posts it, so settlement tests do not depend
// on an eligibility rule set.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../../server/db/database.js';
import { addDays, addYears } from '../../../server/shared/calendar.js';
import { postTransaction } from '../../../server/ledger/ledger-postings.js';
import { openBudgetAccounts } from '../../../server/programmes/budget-accounts.js';
import { parametersInForce } from '../../../server/programmes/programme-store.js';
import { confirmPayment } from '../../../server/vouchers/voucher-payment.js';
import { orderVoucher } from '../../../server/vouchers/voucher-order.js';
import { registerVoucher } from '../../../server/vouchers/voucher-centre.js';
import { recordSession, type SessionOutcome } from '../../../server/vouchers/session-service.js';
import type { Actor } from '../../support/actors.js';
import { createCitizen, type TestCitizen } from '../../support/citizen-factory.js';
import type { TestCentre } from '../../support/centre-factory.js';
import type { Harness } from '../../support/harness.js';
import { openCommitments, openEntitlementAccount, openHourPool } from '../../../server/entitlements/entitlements.js';

/** A 7-hour right of `programme` granted today (hours from the pool, their price committed from the budget). */
async function grantRight(h: Harness, programme: string, citizen: TestCitizen): Promise<string> {
  return h.sequelize.transaction(async (t) => {
    const today = h.clock.today();
    const fee = new Decimal(String((await parametersInForce(h.sequelize, programme, today, t))?.values.hourlyFee));
    const entitlementId = randomUUID();
    const accountId = await openEntitlementAccount(h.sequelize, programme, entitlementId, 'HOUR', t);
    await queryRows(
      h.sequelize,
      `INSERT INTO entitlements (id, citizen_id, programme_code, period_start, period_end, account_id, hourly_fee) VALUES ($1, $2, $7, $3, $4, $5, $6)`,
      [entitlementId, citizen.id, today, addDays(addYears(today, 6), -1), accountId, fee.toFixed(3), programme],
      { transaction: t },
    );
    const money = fee.times(7).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const posted = await postTransaction(
      h.sequelize,
      {
        kind: 'grant',
        businessDate: today,
        entries: [
          { accountId: await openHourPool(h.sequelize, programme, t), amount: new Decimal(-7) },
          { accountId, amount: new Decimal(7) },
          { accountId: (await openBudgetAccounts(h.sequelize, programme, t)).budgetAccountId, amount: money.negated() },
          { accountId: await openCommitments(h.sequelize, programme, 'EUR', t), amount: money },
        ],
      },
      t,
    );
    await queryRows(h.sequelize, `UPDATE entitlements SET grant_transaction_id = $2 WHERE id = $1`, [entitlementId, posted.transactionId], {
      transaction: t,
    });
    return entitlementId;
  });
}

export type ChequeInUse = { code: string; citizen: TestCitizen; centre: TestCentre };

/** A new citizen's first cheque (4 hours) of `programme`, paid and registered at `centre` today. */
export async function chequeInUse(h: Harness, admin: Actor, programme: string, centre: TestCentre): Promise<ChequeInUse> {
  const citizen = await createCitizen(h);
  const entitlementId = await grantRight(h, programme, citizen);
  const ordered = await h.sequelize.transaction((t) =>
    orderVoucher(h.context, { principal: citizen.actor.principal, entitlementId, transaction: t }),
  );
  await h.sequelize.transaction((t) =>
    confirmPayment(h.context, {
      principal: admin.principal,
      code: ordered.code,
      amount: new Decimal('45.00'),
      reference: `BANK-${ordered.code}`,
      transaction: t,
      requestId: randomUUID(),
    }),
  );
  await registerVoucher(h.context, {
    principal: centre.staff.principal,
    centreId: centre.id,
    code: ordered.code,
    clientNumber: String(ordered.clientNumber),
  });
  return { code: ordered.code, citizen, centre };
}

/** Records a guidance session dated today (the clock's date) and returns its id. */
export async function sessionToday(h: Harness, cheque: ChequeInUse, hours: string): Promise<string> {
  const principal = cheque.centre.staff.principal;
  const recorded = await recordSession(
    h.context,
    {
      principal,
      centreId: cheque.centre.id,
      code: cheque.code,
      session: { date: h.clock.today(), hours: new Decimal(hours), counsellor: 'A. Counsellor', kind: 'guidance' },
    },
    { scope: `user:${principal.userId}`, key: randomUUID(), fingerprint: 'fixture session', instance: 'fixture' },
  );
  // A refusal is thrown; what comes back is the domain outcome of the session recorded.
  return (recorded.outcome as SessionOutcome).session.id;
}

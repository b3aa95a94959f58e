// Applications that spend an accruing account (France's CPF): any number per account year, each
// funded by its own grant transaction that moved the money out of the citizen's account (and the
// top-ups it spent) into the application's own escrow account, where the application's hold sits.
// The provider verifies and claims it like any application (the hold is captured to what the
// provider is owed); a lapse, cancellation or refusal reverses that grant, so every euro goes back to the
// account or top-up it came from, never to the programme's budget.
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { holdStatus, releaseHold, reverseTransaction } from '../ledger/ledger.js';
import { findApplication, markClosed, type Application, type ClosingChange } from './application-store.js';
import { applicationView, type ApplicationView } from './application-view.js';

export type AccountApplicationView = ApplicationView;

export type NewAccountApplication = {
  id: string;
  reference: string;
  citizenId: string;
  entitlementId: string;
  decisionId: string;
  centreId: string;
  courseId: string;
  accountYear: number;
  coursePrice: Decimal;
  fundedAmount: Decimal;
  learnerPart: Decimal;
  currency: string;
  appliedOn: string;
  verifyBy: string;
  grantTransactionId: string;
  holdId: string;
};

/** Writes an account's application (not held to one per period) and returns it as the API shows it. */
export async function insertAccountApplication(
  sequelize: Sequelize,
  application: NewAccountApplication,
  transaction: Transaction,
): Promise<ApplicationView> {
  await queryRows(
    sequelize,
    `SELECT id FROM application_insert($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, NULL, false)`,
    [
      application.id,
      application.reference,
      application.citizenId,
      application.entitlementId,
      application.decisionId,
      application.centreId,
      application.courseId,
      application.accountYear,
      application.coursePrice.toFixed(2),
      application.fundedAmount.toFixed(2),
      application.learnerPart.toFixed(2),
      application.currency,
      application.appliedOn,
      application.verifyBy,
      application.grantTransactionId,
      application.holdId,
    ],
    { transaction },
  );
  const written = await findApplication(sequelize, { id: application.id }, { transaction });
  if (!written) throw new Error(`application ${application.id} vanished in its own transaction`);
  return applicationView(written);
}

/** Whether an application spends an account (many per period) rather than a one-per-period grant. */
export async function isAccountApplication(sequelize: Sequelize, id: string, transaction: Transaction): Promise<boolean> {
  const [row] = await queryRows<{ one_per_period: boolean }>(sequelize, `SELECT one_per_period FROM applications WHERE id = $1`, [id], {
    transaction,
  });
  return row?.one_per_period === false;
}

/** `application` must be locked by the caller and still pending or verified; returns the reversal's id. */
export async function releaseAccountApplication(
  sequelize: Sequelize,
  application: Application,
  change: ClosingChange & { today: string; now: Date },
  transaction: Transaction,
): Promise<string> {
  // A generic hold-expiry run may already have freed the hold at its deadline: nothing left to free.
  const hold = await holdStatus(sequelize, application.holdId, transaction);
  if (hold?.status === 'open') await releaseHold(sequelize, application.holdId, transaction);
  const reversed = await reverseTransaction(
    sequelize,
    {
      transactionId: application.grantTransactionId,
      reason: `application ${change.status}`,
      businessDate: change.today,
      idempotencyKey: `account-application-release:${application.id}`,
      metadata: { applicationId: application.id, reference: application.reference },
    },
    transaction,
  );
  await markClosed(sequelize, application.id, { ...change, transactionId: reversed.transactionId, at: change.now }, transaction);
  return reversed.transactionId;
}

// A centre's bank account, into which its statements are paid by SEPA credit transfer. Only the
// service's administrators set it; the change is audited with the account before and after, since
// changing where a payee is paid is how payments are diverted.
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { notFound } from '../errors.js';
import { bankAccountsOf, upsertBankAccount, type BankAccountRow } from './bank-account-store.js';
import type { ContactChanges } from './centre-contact.js';
import { registerCentre } from './centre-service.js';
import { findCentre } from './centre-store.js';

export type BankAccount = { iban: string; bic: string };

const view = (row: BankAccountRow) => ({ centreId: row.centre_id, iban: row.iban, bic: row.bic, updatedAt: row.updated_at.toISOString() });

export async function setCentreBankAccount(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; account: BankAccount; requestId: string },
  transaction?: Transaction,
) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (!(await findCentre(app.sequelize, input.centreId, { transaction: t, lock: true }))) throw notFound('Centre');
    const { before, after } = await upsertBankAccount(
      app.sequelize,
      { centreId: input.centreId, ...input.account, updatedBy: actor.userId },
      t,
    );
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'centre.bank_account',
      entityType: 'centre',
      entityId: input.centreId,
      before: before ? { iban: before.iban, bic: before.bic } : null,
      after: { iban: after.iban, bic: after.bic },
      requestId: input.requestId,
    });
    return view(after);
  });
}

/** A centre's account as a payment file pays it; `updatedBy`: the administrator who set it last (null when seeded), `updatedAt`: when. */
export type PayeeAccount = { centreId: string; name: string; iban: string; bic: string; updatedBy: string | null; updatedAt: string };

/** The accounts (and names) of the centres a payment file pays, by centre id; a centre without one is missing. */
export async function payeeAccounts(sequelize: Sequelize, centreIds: readonly string[], transaction?: Transaction) {
  const rows = await bankAccountsOf(sequelize, centreIds, transaction);
  return new Map<string, PayeeAccount>(
    [...rows].map(([id, row]) => [
      id,
      { centreId: id, name: row.name, iban: row.iban, bic: row.bic, updatedBy: row.updated_by, updatedAt: row.updated_at.toISOString() },
    ]),
  );
}

/** POST /v1/centres: the centre, and its bank account when one is given, in one transaction. */
export async function registerCentreWithAccount(
  app: AppContext,
  actor: Principal,
  input: {
    name: string;
    enterpriseNumber: string;
    email: string;
    bankAccount?: BankAccount | undefined;
    requestId: string;
  } & ContactChanges,
  transaction?: Transaction,
) {
  const { bankAccount, ...centre } = input;
  return inTransaction(app.sequelize, transaction, async (t) => {
    const registered = await registerCentre(app, actor, centre, t);
    if (!bankAccount) return { ...registered, bankAccount: null };
    const stored = await setCentreBankAccount(app, actor, { centreId: registered.id, account: bankAccount, requestId: input.requestId }, t);
    return { ...registered, bankAccount: { iban: stored.iban, bic: stored.bic } };
  });
}

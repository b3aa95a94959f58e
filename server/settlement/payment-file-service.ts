// Paying centres through the bank: the programme's debtor account, and SEPA credit transfer files
// (pain.001) of a run's statements whose payment a second administrator approved. Approval books
// the payment in the ledger (payable -> paid); the file is the instruction that makes the bank
// carry it out. A statement goes into one file at most, so the bank is never asked twice; a file
// keeps a copy of what it asks (accounts, amounts), so it downloads the same every time.
// Only euro programmes can be paid by SEPA credit transfer; others are refused with a problem. The
// administrator who last set a payee's bank account cannot make the file that pays it, so no one
// administrator can both redirect a centre's money and send it.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { payeeAccounts } from '../centres/centres.js';
import { inTransaction } from '../db/database.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { findProgramme } from '../programmes/programmes.js';
import { controlSum, pain001Xml } from './pain001.js';
import {
  findDebtorAccount,
  findPaymentFile,
  insertPaymentFile,
  paymentFileOfStatement,
  paymentFilesOfRun,
  statementsToTransfer,
  upsertDebtorAccount,
  type PaymentFile,
} from './payment-file-store.js';
import { findRun } from './settlement-run-store.js';
import { lockSettlementRuns } from './settlement-store.js';

const SEPA_CURRENCY = 'EUR';

export type DebtorAccount = { name: string; iban: string; bic: string };

export async function setDebtorAccount(
  app: AppContext,
  actor: Principal,
  input: { code: string; account: DebtorAccount; requestId: string },
  transaction?: Transaction,
) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (!(await findProgramme(app.sequelize, input.code, t))) throw notFound(`Programme ${input.code}`);
    const { before, after } = await upsertDebtorAccount(app.sequelize, { code: input.code, ...input.account, updatedBy: actor.userId }, t);
    const shown = (row: DebtorAccount) => ({ name: row.name, iban: row.iban, bic: row.bic });
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'programme.debtor_account',
      entityType: 'programme',
      entityId: input.code,
      before: before ? shown(before) : null,
      after: shown(after),
      requestId: input.requestId,
    });
    return { programme: after.programme_code, ...shown(after), updatedAt: after.updated_at.toISOString() };
  });
}

/** The programme's debtor account, if set (the settlement pages show it). */
export async function debtorAccountOf(sequelize: Sequelize, code: string) {
  const row = await findDebtorAccount(sequelize, code);
  return row ? { name: row.name, iban: row.iban, bic: row.bic } : undefined;
}

export function paymentFileView(file: PaymentFile) {
  return {
    id: file.id,
    messageId: file.message_id,
    runId: file.run_id,
    programme: file.programme_code,
    executionDate: file.execution_date,
    transactions: file.transactions,
    controlSum: { amount: new Decimal(file.control_sum).toFixed(2), currency: file.currency },
    statements: file.items.map((item) => ({
      statementId: item.statement_id,
      endToEndId: item.end_to_end_id,
      creditor: item.creditor_name,
      iban: item.creditor_iban,
      amount: { amount: new Decimal(item.amount).toFixed(2), currency: file.currency },
    })),
    createdAt: file.created_at.toISOString(),
  };
}

export type PaymentFileView = ReturnType<typeof paymentFileView>;

/**
 * Makes the SEPA file of the run's approved statements that are in no file yet. Refused (nothing
 * written) for a programme not in euro, without a debtor account, with a centre that has no bank
 * account or whose account the caller set, or when there is nothing left to transfer.
 */
export async function createPaymentFile(
  app: AppContext,
  actor: Principal,
  input: { runId: string; requestId: string },
  transaction?: Transaction,
): Promise<PaymentFileView> {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const run = await findRun(app.sequelize, input.runId, t);
    if (!run) throw notFound('Settlement run');
    if (run.currency !== SEPA_CURRENCY) {
      throw new RuleViolation(
        'currency_not_sepa',
        `Programme ${run.programme_code} pays in ${run.currency}; a SEPA credit transfer file can only pay euro. Pay its statements another way.`,
        { currency: run.currency },
      );
    }
    const debtor = await findDebtorAccount(app.sequelize, run.programme_code, t);
    if (!debtor) {
      throw new RuleViolation(
        'debtor_account_missing',
        `Programme ${run.programme_code} has no account to pay from: set it with PUT /v1/programmes/${run.programme_code}/debtor-account.`,
      );
    }
    // Serialised with the programme's runs, so two requests cannot put one statement in two files.
    await lockSettlementRuns(app.sequelize, run.programme_code, t);
    const due = await statementsToTransfer(app.sequelize, run.id, t);
    if (due.length === 0) {
      throw conflict('nothing_to_transfer', 'No statement of this run is approved for payment and not yet in a transfer file.');
    }
    const payees = await payeeAccounts(app.sequelize, [...new Set(due.map((statement) => statement.centre_id))], t);
    const missing = [...new Set(due.filter((statement) => !payees.has(statement.centre_id)).map((statement) => statement.centre_id))];
    if (missing.length > 0) {
      throw new RuleViolation(
        'bank_account_missing',
        `${missing.length} centre(s) to be paid have no bank account: set it with PUT /v1/centres/{id}/bank-account, then make the file.`,
        { centreIds: missing },
      );
    }
    // Four eyes on where the money goes: whoever last set a payee's account does not send it money.
    const setByActor = [...payees.values()].filter((payee) => payee.updatedBy === actor.userId).map((payee) => payee.centreId);
    if (setByActor.length > 0) {
      throw conflict(
        'four_eyes_required',
        `You set the bank account of ${setByActor.length} centre(s) to be paid: another administrator must make the file that pays them.`,
        { centreIds: setByActor },
      );
    }
    const id = randomUUID();
    const compactId = id.replace(/-/g, '');
    const items = due.map((statement) => {
      const payee = payees.get(statement.centre_id)!;
      return {
        statement_id: statement.id,
        end_to_end_id: statement.id.replace(/-/g, ''),
        creditor_name: payee.name.slice(0, 70),
        creditor_iban: payee.iban,
        creditor_bic: payee.bic,
        amount: new Decimal(statement.total).toFixed(2),
        remittance: `${statement.programme_code} statement ${statement.period_end} ${statement.id}`,
      };
    });
    const file = {
      id,
      message_id: `LA${compactId}`,
      run_id: run.id,
      programme_code: run.programme_code,
      currency: run.currency,
      execution_date: app.clock.today(),
      debtor_name: debtor.name,
      debtor_iban: debtor.iban,
      debtor_bic: debtor.bic,
      transactions: items.length,
      control_sum: controlSum(items.map((item) => item.amount)),
      created_by: actor.userId,
    };
    await insertPaymentFile(app.sequelize, file, items, t);
    const [stored] = (await paymentFilesOfRun(app.sequelize, run.id, t)).filter((candidate) => candidate.id === id);
    if (!stored) throw new Error('a payment file vanished');
    const view = paymentFileView(stored);
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'payment_file.created',
      entityType: 'payment_file',
      entityId: id,
      before: null,
      after: { messageId: view.messageId, runId: run.id, transactions: view.transactions, controlSum: view.controlSum },
      requestId: input.requestId,
    });
    return view;
  });
}

/** The pain.001 XML of a file, and a file name for it. */
export async function paymentFileXml(sequelize: Sequelize, id: string) {
  const file = await findPaymentFile(sequelize, id);
  if (!file) throw notFound('Payment file');
  return { fileName: `${file.message_id}.xml`, xml: pain001Xml(file) };
}

/** The files made for a run, oldest first. */
export async function runPaymentFiles(sequelize: Sequelize, runId: string) {
  return (await paymentFilesOfRun(sequelize, runId)).map(paymentFileView);
}

/** The SEPA file a statement was sent to the bank in, if it was. */
export async function statementPaymentFile(sequelize: Sequelize, statementId: string) {
  const row = await paymentFileOfStatement(sequelize, statementId);
  return row && { id: row.id, messageId: row.message_id, createdAt: row.created_at.toISOString() };
}

// What a centre owes back after a dispute on a session it was already settled for is upheld. The
// session's redemption is reversed (its hours are the citizen's again), so the money paid for it
// goes back where settlement took it from: the grant's commitment for those hours to the
// commitments, the rest (a fee rise paid from the budget) to the budget, and the centre owes the
// whole line on its receivable [clawback]. The correction is then netted in the centre's next
// statements (settlement-service.ts), never edited or dropped: each statement nets as much as its
// positive lines cover and carries the rest forward.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { postTransaction } from '../ledger/ledger.js';
import { openBudgetAccounts } from '../programmes/programmes.js';
import { openCentreReceivable } from './settlement-accounts.js';
import type { DueLine } from './settlement-sources.js';
import { insertCorrection, owedCorrectionRows, settledSession, type OwedCorrection } from './settlement-store.js';
import { openCommitments } from '../entitlements/entitlements.js';

export type Correction = { id: string; amount: string; currency: string; transactionId: string };

/**
 * Books what the centre owes for a session reversed by the upheld dispute `disputeId`, when that
 * session was on a statement; undefined when it never was (nothing was paid for it). The caller
 * holds the programme's settlement lock, so no run settles the session meanwhile.
 */
export async function bookCorrection(
  sequelize: Sequelize,
  input: { disputeId: string; sessionId: string; businessDate: string },
  transaction: Transaction,
): Promise<Correction | undefined> {
  const settled = await settledSession(sequelize, input.sessionId, transaction);
  if (!settled) return undefined;
  if (settled.fee_at_grant === null) throw new Error(`the right of cheque ${settled.code} has no hourly fee of its grant`);
  const { programme_code: code, centre_id: centreId } = settled;
  const currency = settled.currency;
  const amount = new Decimal(settled.amount);
  // As settlement took it: the grant's fee for the hours from the commitments, the rest from the budget.
  const committed = new Decimal(settled.hours).times(settled.fee_at_grant).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'clawback',
      businessDate: input.businessDate,
      idempotencyKey: `settlement-correction:${input.disputeId}`,
      metadata: { disputeId: input.disputeId, sessionId: input.sessionId, centreId, programme: code, owed: amount.toFixed(2) },
      entries: [
        { accountId: await openCentreReceivable(sequelize, code, centreId, currency, transaction), amount: amount.negated() },
        { accountId: await openCommitments(sequelize, code, currency, transaction), amount: committed },
        { accountId: (await openBudgetAccounts(sequelize, code, transaction)).budgetAccountId, amount: amount.minus(committed) },
      ],
    },
    transaction,
  );
  const description = `Upheld dispute on the session of ${settled.session_date} on cheque ${settled.code}`;
  const id = await insertCorrection(
    sequelize,
    {
      code,
      centreId,
      currency,
      disputeId: input.disputeId,
      sessionId: input.sessionId,
      amount: amount.toFixed(2),
      transactionId: posted.transactionId,
      description,
    },
    transaction,
  );
  return { id, amount: amount.toFixed(2), currency, transactionId: posted.transactionId };
}

/** A programme's corrections still owed (oldest first), per centre. */
export async function owedCorrections(
  sequelize: Sequelize,
  code: string,
  transaction: Transaction,
): Promise<Map<string, OwedCorrection[]>> {
  const rows = await owedCorrectionRows(sequelize, code, transaction);
  const byCentre = new Map<string, OwedCorrection[]>();
  for (const row of rows) byCentre.set(row.centre_id, [...(byCentre.get(row.centre_id) ?? []), row]);
  return byCentre;
}

/**
 * The correction lines of one statement: each owed correction nets what the statement's positive
 * lines (`covering`) still cover, oldest first, and says what it carries forward; one the
 * statement cannot cover at all is listed at zero, so what is carried shows on every statement.
 */
export function correctionLines(owed: OwedCorrection[], covering: Decimal): DueLine[] {
  let left = covering;
  return owed.map((row) => {
    const due = new Decimal(row.owed);
    const netted = Decimal.min(due, left);
    left = left.minus(netted);
    const carried = due.minus(netted);
    return {
      centreId: row.centre_id,
      sourceType: 'correction',
      sourceId: row.id,
      sign: -1,
      serviceDate: row.session_date,
      hours: null,
      rate: null,
      amount: new Decimal(0).minus(netted), // never -0
      committed: null,
      carriedForward: carried,
      description: `${row.description}: ${due.toFixed(2)} owed, ${netted.toFixed(2)} netted here, ${carried.toFixed(2)} carried forward`,
    };
  });
}

// Settlement as the other components see it: paying a centre's statement (an approved payment is
// paid here), and what a centre owes back when a dispute on a session it was already paid for is
// upheld (a correction, netted in its next statements).
import type { Sequelize, Transaction } from 'sequelize';
import { bookCorrection, type Correction } from './settlement-corrections.js';
import { payStatement, type Payment } from './statement-service.js';

export type { Correction, Payment };

/** Pays the statement, in the caller's transaction when given one. */
export const payCentreStatement = (sequelize: Sequelize, payment: Payment, transaction?: Transaction) =>
  payStatement(sequelize, payment, transaction);

/** Books the clawback of a settled session reversed by an upheld dispute; undefined when it was never settled. */
export const bookClawback = (
  sequelize: Sequelize,
  input: { disputeId: string; sessionId: string; businessDate: string },
  transaction: Transaction,
): Promise<Correction | undefined> => bookCorrection(sequelize, input, transaction);

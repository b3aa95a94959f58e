// The direct fundings of a programme that count against the approval threshold
// (programme_funded_alone.sql): the sum of what administrators funded on one signature.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

/** The metadata mark of a funding applied on one administrator's signature, which the function counts. */
export const ONE_SIGNATURE = 'one_signature';

/** Waits for any other direct funding of the programme in progress, then sums the last 24 hours'. */
export async function fundedAloneLastDay(sequelize: Sequelize, code: string, transaction: Transaction): Promise<Decimal> {
  const [row] = await queryRows<{ funded: string }>(sequelize, `SELECT programme_funded_alone($1) AS funded`, [code], { transaction });
  return new Decimal(row?.funded ?? '0');
}

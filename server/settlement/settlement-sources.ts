// What a settlement run pays: the sources not yet on a statement line, up to the period end.
//   LBC: each recorded session, at hours x the hourly fee in force on the session's date (3
//        decimals), rounded to the cent per line; a session with an open dispute waits for its
//        decision (upheld, it is reversed and never paid; rejected, the next run pays it). Each
//        line also says what the programme committed for its hours when the right was granted
//        (hours x the fee of the grant, rounded per line): the fee may have changed since, and
//        the difference is the budget's (settlement-service). A session already settled whose
//        dispute is upheld later is owed back by a correction (settlement-corrections.ts).
//   ITA (and any money programme): each claimed application of the programme, at its funded
//        amount, in the programme's currency.
// "Not yet on a line" is the unique (source_type, source_id, sign) of statement_lines, so no
// source is paid twice whatever the periods of the runs.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { parametersOn } from '../programmes/programmes.js';
import { dueApplications, dueSessions, type DueSessionRow } from './settlement-store.js';

export type SourceType = 'voucher_session' | 'application' | 'correction';

export type DueLine = {
  centreId: string;
  sourceType: SourceType;
  sourceId: string;
  sign: 1 | -1;
  serviceDate: string;
  hours: Decimal | null;
  rate: Decimal | null;
  amount: Decimal;
  /** LBC: the money committed for the line's hours at the grant's fee, signed as the line; null for ITA. */
  committed: Decimal | null;
  /** A correction line: what its correction still owes after this statement. */
  carriedForward?: Decimal;
  description: string;
};

export async function dueSessionLines(sequelize: Sequelize, code: string, periodEnd: string, transaction: Transaction): Promise<DueLine[]> {
  const recorded = await dueSessions(sequelize, code, periodEnd, transaction);
  const fees = new Map<string, Decimal>();
  const feeOn = async (date: string) => {
    let fee = fees.get(date);
    if (!fee) {
      const value = (await parametersOn(sequelize, code, date, transaction))?.hourlyFee;
      if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`programme ${code} has no hourlyFee in force on ${date}`);
      fee = new Decimal(value);
      fees.set(date, fee);
    }
    return fee;
  };
  const lines: DueLine[] = [];
  for (const row of recorded) {
    const rate = await feeOn(row.session_date);
    const hours = new Decimal(row.hours);
    const amount = hours.times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    lines.push({
      ...sessionLine(row),
      sign: 1,
      hours,
      rate,
      amount,
      committed: committedFor(row),
      description: `Session of ${row.session_date} on cheque ${row.code}`,
    });
  }
  return lines;
}

/** As forfeiting a cheque's hours returns them (voucher-ledger.ts): hours x the grant's fee, rounded. */
function committedFor(row: DueSessionRow): Decimal {
  if (row.fee_at_grant === null) throw new Error(`the right of cheque ${row.code} has no hourly fee of its grant`);
  return new Decimal(row.hours).times(row.fee_at_grant).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

const sessionLine = (row: DueSessionRow) => ({
  centreId: row.centre_id,
  sourceType: 'voucher_session' as const,
  sourceId: row.id,
  serviceDate: row.session_date,
});

/** Applications carry no programme of their own: it is their entitlement's. */
export async function dueApplicationLines(
  sequelize: Sequelize,
  programme: { code: string; currency: string },
  periodEnd: string,
  transaction: Transaction,
): Promise<DueLine[]> {
  const rows = await dueApplications(sequelize, programme, periodEnd, transaction);
  return rows.map((row) => ({
    centreId: row.centre_id,
    sourceType: 'application',
    sourceId: row.id,
    sign: 1,
    serviceDate: row.claimed_on,
    hours: null,
    rate: null,
    amount: new Decimal(row.funded_amount),
    committed: null,
    description: `Application ${row.reference}`,
  }));
}

// Data access for cheques. Reads by code for the flows (locked FOR UPDATE when a state change
// follows); every state change is one UPDATE that names the state it expects to leave, so a
// change that lost a race changes nothing and is noticed.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type VoucherStatus = 'awaiting_payment' | 'issued' | 'in_use' | 'closed' | 'expired' | 'cancelled';

export type VoucherRow = {
  id: string;
  code: string;
  client_number: string;
  entitlement_id: string;
  citizen_id: string;
  programme_code: string;
  sequence: number;
  hours: string;
  status: VoucherStatus;
  co_payment_amount: string;
  co_payment_currency: string;
  co_payment_status: 'due' | 'paid' | 'lapsed';
  co_payment_reference: string | null;
  paid_at: Date | null;
  due_by: string;
  issued_on: string | null;
  valid_until: string | null;
  centre_id: string | null;
  registered_at: Date | null;
  account_id: string;
  reserve_transaction_id: string;
  release_transaction_id: string | null;
  development_plan: unknown;
  ended_at: Date | null;
  created_at: Date;
};

export type NewVoucher = Pick<
  VoucherRow,
  | 'id'
  | 'code'
  | 'client_number'
  | 'entitlement_id'
  | 'citizen_id'
  | 'programme_code'
  | 'sequence'
  | 'hours'
  | 'co_payment_amount'
  | 'co_payment_currency'
  | 'due_by'
  | 'account_id'
  | 'reserve_transaction_id'
>;

export async function insertVoucher(sequelize: Sequelize, voucher: NewVoucher, transaction: Transaction): Promise<VoucherRow> {
  const [row] = await queryRows<VoucherRow>(
    sequelize,
    `INSERT INTO vouchers (id, code, client_number, entitlement_id, citizen_id, programme_code, sequence, hours, status,
       co_payment_amount, co_payment_currency, co_payment_status, due_by, account_id, reserve_transaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'awaiting_payment', $9, $10, 'due', $11, $12, $13) RETURNING *`,
    [
      voucher.id,
      voucher.code,
      voucher.client_number,
      voucher.entitlement_id,
      voucher.citizen_id,
      voucher.programme_code,
      voucher.sequence,
      voucher.hours,
      voucher.co_payment_amount,
      voucher.co_payment_currency,
      voucher.due_by,
      voucher.account_id,
      voucher.reserve_transaction_id,
    ],
    { transaction },
  );
  if (!row) throw new Error('voucher insert returned nothing');
  return row;
}

/** A cheque with the login of its citizen, whom the flows tell of what happens to it. */
export type OwnedVoucherRow = VoucherRow & { citizen_user_id: string };

/** By code; `lock` takes the row FOR UPDATE (state changes), `share` FOR SHARE (sessions). */
export async function findVoucherByCode(
  sequelize: Sequelize,
  code: string,
  options: { transaction?: Transaction; lock?: 'update' | 'share' } = {},
): Promise<OwnedVoucherRow | undefined> {
  const lock = options.lock === 'update' ? 'FOR UPDATE OF v' : options.lock === 'share' ? 'FOR SHARE OF v' : '';
  const [row] = await queryRows<OwnedVoucherRow>(
    sequelize,
    `SELECT v.*, c.user_id AS citizen_user_id FROM vouchers v JOIN citizens c ON c.id = v.citizen_id WHERE v.code = $1 ${lock}`,
    [code],
    { transaction: options.transaction },
  );
  return row;
}

export async function vouchersOfEntitlements(
  sequelize: Sequelize,
  entitlementIds: string[],
  transaction?: Transaction,
): Promise<VoucherRow[]> {
  if (entitlementIds.length === 0) return [];
  return queryRows<VoucherRow>(
    sequelize,
    `SELECT * FROM vouchers WHERE entitlement_id = ANY($1::uuid[]) ORDER BY entitlement_id, sequence, created_at`,
    [entitlementIds],
    { transaction },
  );
}

/** Sets the given columns when the cheque is still in `from`; returns the new row or undefined. */
export async function moveVoucher(
  sequelize: Sequelize,
  id: string,
  from: readonly VoucherStatus[],
  changes: Partial<Omit<VoucherRow, 'id' | 'code' | 'created_at'>>,
  transaction: Transaction,
): Promise<VoucherRow | undefined> {
  const columns = Object.keys(changes) as (keyof typeof changes)[];
  const sets = columns.map((column, i) => `${column} = $${i + 3}${column === 'development_plan' ? '::jsonb' : ''}`);
  const values = columns.map((column) => (column === 'development_plan' ? JSON.stringify(changes[column]) : changes[column]));
  const [row] = await queryRows<VoucherRow>(
    sequelize,
    `UPDATE vouchers SET ${sets.join(', ')} WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
    [id, from, ...values],
    { transaction },
  );
  return row;
}

/**
 * The programme a centre acts for on this code: the cheque's own; for a code no cheque has, the
 * hours voucher programme whose codes carry its prefix on `onDate` (its reference prefix in force,
 * else its code), so that a refusal for an unknown code reads exactly as one for a real cheque of
 * that programme. Undefined when no programme's codes look like this one.
 */
export async function programmeOfCode(sequelize: Sequelize, code: string, prefix: string, onDate: string): Promise<string | undefined> {
  const [row] = await queryRows<{ programme_code: string | null }>(
    sequelize,
    `SELECT coalesce(
       (SELECT programme_code FROM vouchers WHERE code = $1),
       (SELECT p.code FROM programmes p CROSS JOIN LATERAL programme_parameters_in_force(p.code, $3) pp
        WHERE p.kind = 'hours_voucher' AND coalesce(pp."values"->>'referencePrefix', p.code) = $2 ORDER BY p.code LIMIT 1)
     ) AS programme_code`,
    [code, prefix, onDate],
  );
  return row?.programme_code ?? undefined;
}

/** Holds the cheque until the transaction ends. */
export async function lockVoucher(sequelize: Sequelize, id: string, transaction: Transaction): Promise<VoucherRow | undefined> {
  const [row] = await queryRows<VoucherRow>(sequelize, `SELECT * FROM vouchers WHERE id = $1 FOR UPDATE`, [id], { transaction });
  return row;
}

/** How many cheques of the citizen's rights in this programme are still open (awaiting payment, issued or in use). */
export async function openVoucherCount(
  sequelize: Sequelize,
  citizenId: string,
  programmeCode: string,
  transaction: Transaction,
): Promise<number> {
  const [row] = await queryRows<{ open: string }>(
    sequelize,
    `SELECT count(*) AS open FROM vouchers WHERE citizen_id = $1 AND programme_code = $2 AND status IN ('awaiting_payment', 'issued', 'in_use')`,
    [citizenId, programmeCode],
    { transaction },
  );
  return Number(row?.open ?? 0);
}

/** How many cheques of the right have used their place in the sequence (closed or expired). */
export async function endedVoucherCount(sequelize: Sequelize, entitlementId: string, transaction: Transaction): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    sequelize,
    `SELECT count(*) AS n FROM vouchers WHERE entitlement_id = $1 AND status IN ('closed', 'expired')`,
    [entitlementId],
    { transaction },
  );
  return Number(row?.n ?? 0);
}

/** Which due cheques a time-driven job takes: unpaid past their due date, or past their validity. */
export type DueVouchers = 'unpaid' | 'past_validity';

const DUE: Record<DueVouchers, string> = {
  unpaid: `status = 'awaiting_payment' AND due_by < $1`,
  past_validity: `status IN ('issued', 'in_use') AND valid_until < $1`,
};

/** Up to `limit` cheques due on `today`, locked; those another transaction holds are skipped (taken by a later batch). */
export function takeDueVouchers(
  sequelize: Sequelize,
  due: DueVouchers,
  today: string,
  limit: number,
  transaction: Transaction,
): Promise<VoucherRow[]> {
  return queryRows<VoucherRow>(
    sequelize,
    `SELECT * FROM vouchers WHERE ${DUE[due]} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [today, limit],
    { transaction },
  );
}

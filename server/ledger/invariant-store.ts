// The ledger's invariants as SQL checks (ledger-verify.ts runs them on one snapshot): for each, how
// many rows it looks at and the ids of those that break it.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

const INVARIANTS: { name: string; count: string; offenders: string }[] = [
  {
    name: 'every transaction balances per unit and has entries',
    count: `SELECT count(*) AS n FROM ledger_transactions`,
    offenders: `SELECT transaction_id AS id FROM ledger_entries GROUP BY transaction_id, unit HAVING sum(amount) <> 0
                UNION SELECT t.id FROM ledger_transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)`,
  },
  {
    name: "every account's balance equals the sum of its entries",
    count: `SELECT count(*) AS n FROM ledger_accounts`,
    offenders: `SELECT a.id FROM ledger_accounts a
                LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
                WHERE a.balance <> coalesce(s.total, 0)`,
  },
  {
    name: "every entry's balance after equals the running sum of its account",
    count: `SELECT count(*) AS n FROM ledger_entries`,
    offenders: `SELECT id::text FROM (
                  SELECT id, balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY id) AS running FROM ledger_entries) r
                WHERE balance_after <> running`,
  },
  {
    name: 'nothing is below zero that may not be (counting open holds)',
    count: `SELECT count(*) AS n FROM ledger_accounts`,
    offenders: `SELECT id FROM ledger_accounts WHERE held < 0 OR (NOT may_go_negative AND balance - held < 0)`,
  },
  {
    name: "every account's held amount equals its open holds",
    count: `SELECT count(*) AS n FROM ledger_accounts`,
    offenders: `SELECT a.id FROM ledger_accounts a
                LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_holds WHERE status = 'open' GROUP BY account_id) h ON h.account_id = a.id
                WHERE a.held <> coalesce(h.total, 0)`,
  },
  {
    name: 'every hold is consistent with its resolution (a capture moved exactly what it captured)',
    count: `SELECT count(*) AS n FROM ledger_holds`,
    offenders: `SELECT h.id FROM ledger_holds h
                LEFT JOIN ledger_entries e ON e.transaction_id = h.capture_transaction_id AND e.account_id = h.account_id
                WHERE (h.status = 'captured' AND (e.amount IS NULL OR e.amount <> -h.captured OR h.captured > h.amount))
                   OR (h.status <> 'captured' AND (h.captured <> 0 OR h.capture_transaction_id IS NOT NULL))
                   OR ((h.status = 'open') <> (h.resolved_at IS NULL))`,
  },
  {
    name: 'every reversal mirrors the transaction it reverses',
    count: `SELECT count(*) AS n FROM ledger_transactions WHERE reverses_id IS NOT NULL`,
    offenders: `SELECT r.id FROM ledger_transactions r WHERE r.reverses_id IS NOT NULL AND EXISTS (
                  SELECT 1 FROM ledger_entries x WHERE x.transaction_id IN (r.id, r.reverses_id)
                  GROUP BY x.account_id HAVING sum(x.amount) <> 0)`,
  },
];

/** Every invariant's result in `transaction`, at most `shown + 1` offending ids each (so a caller sees there were more). */
export async function checkInvariants(
  sequelize: Sequelize,
  transaction: Transaction,
  shown: number,
): Promise<{ name: string; checked: number; violations: string[] }[]> {
  const results: { name: string; checked: number; violations: string[] }[] = [];
  for (const check of INVARIANTS) {
    const [counted] = await queryRows<{ n: string }>(sequelize, check.count, [], { transaction });
    const offenders = await queryRows<{ id: string }>(
      sequelize,
      `SELECT id FROM (${check.offenders}) o ORDER BY id LIMIT ${shown + 1}`,
      [],
      {
        transaction,
      },
    );
    results.push({ name: check.name, checked: Number(counted?.n ?? 0), violations: offenders.map((row) => String(row.id)) });
  }
  return results;
}

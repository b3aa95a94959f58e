// Checks the whole ledger against its invariants, on one consistent snapshot (REPEATABLE READ,
// read only), so it can run while the service writes. `npm run ledger:verify` prints the report
// and exits non-zero on any violation; tests call verifyLedger() directly.
import type { Sequelize } from 'sequelize';
import { Transaction } from 'sequelize';
import { checkInvariants } from './invariant-store.js';

export type VerifyCheck = { name: string; checked: number; violations: string[] };
export type VerifyReport = { ok: boolean; checks: VerifyCheck[] };

const SHOWN = 100;

export async function verifyLedger(sequelize: Sequelize): Promise<VerifyReport> {
  const checks = await sequelize.transaction(
    { isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ, readOnly: true },
    (transaction) => checkInvariants(sequelize, transaction, SHOWN),
  );
  return { ok: checks.every((check) => check.violations.length === 0), checks };
}

/** The report as lines for a terminal: each check, how many it looked at, and the offending ids. */
export function formatReport(report: VerifyReport): string {
  const lines = report.checks.map((check) => {
    const head = `${check.violations.length === 0 ? 'ok  ' : 'FAIL'} ${check.name} (${check.checked} checked)`;
    if (check.violations.length === 0) return head;
    const more = check.violations.length > SHOWN ? ` and more` : '';
    return `${head}\n       offending ids: ${check.violations.slice(0, SHOWN).join(', ')}${more}`;
  });
  lines.push(report.ok ? 'ledger verified: no violations' : 'ledger verification FAILED');
  return lines.join('\n');
}

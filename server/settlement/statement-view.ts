// A statement as the API shows it: money as { amount, currency }, hours as { amount, unit }.
import { Decimal } from 'decimal.js';
import { hours, money } from '../http/schemas.js';
import type { Statement } from './statement-store.js';

export function toStatementView(statement: Statement) {
  const currency = statement.currency;
  return {
    id: statement.id,
    runId: statement.run_id,
    programme: statement.programme_code,
    centreId: statement.centre_id,
    periodEnd: statement.period_end,
    status: statement.status,
    total: money(new Decimal(statement.total), currency),
    /** What the centre's corrections still owe after this statement, netted from its next ones. */
    carriedForward: money(new Decimal(statement.carried_forward), currency),
    lines: statement.lines.map((line) => ({
      id: line.id,
      source: { type: line.source_type, id: line.source_id },
      correction: line.sign < 0,
      serviceDate: line.service_date,
      description: line.description,
      hours: line.hours === null ? null : hours(new Decimal(line.hours)),
      rate: line.rate === null ? null : { amount: line.rate, currency },
      amount: money(new Decimal(line.amount), currency),
      // A correction line: what it claws back, and what its correction still owes after it.
      clawback:
        line.source_type === 'correction'
          ? {
              disputeId: line.dispute_id,
              sessionId: line.session_id,
              carriedForward: money(new Decimal(line.carried_forward ?? 0), currency),
            }
          : null,
    })),
    settleTransactionId: statement.settle_transaction_id,
    payTransactionId: statement.pay_transaction_id,
    paidAt: statement.paid_at?.toISOString() ?? null,
    createdAt: statement.created_at.toISOString(),
  };
}

export type StatementView = ReturnType<typeof toStatementView>;

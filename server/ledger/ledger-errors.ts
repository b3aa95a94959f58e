// The ledger's SQL functions refuse with their own SQLSTATEs (LAxxx); here each becomes the
// client error the API promises. LA900 (a broken invariant caught at commit) and anything else
// stays a server error: it means a bug, not a client's mistake.
import { databaseFailureOf, type DatabaseFailure as PgFailure } from '../db/database.js';
import { AppError, conflict, notFound, RuleViolation } from '../errors.js';

const MAPPED: Record<string, (failure: PgFailure) => AppError> = {
  LA001: (f) => new RuleViolation('insufficient_balance', 'The balance left is not enough for this.', { accountId: f.detail }),
  LA002: () =>
    new RuleViolation('idempotency_key_reused', 'This Idempotency-Key was used with a different request.', {
      errors: [{ path: '/headers/idempotency-key', message: 'already used for another request' }],
    }),
  LA003: () => notFound('Ledger account'),
  LA004: () => conflict('already_reversed', 'This transaction has already been reversed.'),
  LA005: (f) => conflict('hold_resolved', `The hold is already ${f.detail ?? 'resolved'}.`, { status: f.detail }),
  LA006: () => new RuleViolation('invalid_posting', 'The posting is not valid: amounts need at most 2 decimals and must balance per unit.'),
  LA007: () => notFound('Ledger transaction'),
  LA008: () => conflict('reversal_not_reversible', 'A reversal cannot itself be reversed; post a new transaction instead.'),
  LA009: () => notFound('Hold'),
  LA010: (f) => new RuleViolation('capture_exceeds_hold', `A capture must be more than zero and at most the held ${f.detail}.`),
  LA011: (f) =>
    conflict('hold_expired', `The hold expired at ${f.detail ?? 'its deadline'}; what it reserved is free again.`, { expiredAt: f.detail }),
};

/** The client error a database refusal stands for, or the error itself when it is not one. */
export function toLedgerError(error: unknown): unknown {
  const failure = databaseFailureOf(error);
  if (!failure?.code) return error;
  const mapped = MAPPED[failure.code];
  if (mapped) return mapped(failure);
  // Two reversals racing past the function's check meet on the unique index.
  if (failure.code === '23505' && failure.constraint === 'ledger_transactions_reverses_id_key') return MAPPED.LA004!(failure);
  return error;
}

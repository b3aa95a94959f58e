// The answer to a recorded session, rendered from the outcome voucher_record_session stored: the
// same status and body the first time and on every replay of its Idempotency-Key.
import { Decimal } from 'decimal.js';
import type { StoredAnswer } from '../http/idempotency.js';
import { hours } from '../http/schemas.js';
import type { SessionOutcome } from './session-service.js';
import { sessionFromJson, sessionView } from './session-view.js';

export function sessionReply(outcome: unknown): StoredAnswer {
  const { session, voucher } = outcome as SessionOutcome;
  return {
    status: 201,
    body: {
      session: sessionView(sessionFromJson(session)),
      voucher: { code: voucher.code, status: voucher.status, remainingHours: hours(new Decimal(voucher.remainingHours)) },
    },
  };
}

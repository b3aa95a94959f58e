// A centre records a guidance session on a cheque registered to it: hours leave the cheque for
// the centre's delivered-hours account [redeem]. The busiest write of the service, so it is one
// statement: voucher_record_session (migrations 10 and 14) claims the request's Idempotency-Key,
// checks the cheque, the centre's accreditation, the kind and the date, posts the hours (never more
// than are left, whatever the concurrency), records the session, tells the citizen, and stores
// its domain outcome (the route renders it: session-reply.ts). Here: what each refusal means.
// Preparation and report writing are recorded nowhere: they are not billable.
import type { Decimal } from 'decimal.js';
import type { AppContext } from '../app-context.js';
import { notAccredited } from '../centres/centres.js';
import { refusalError, type Refusals } from '../db/refusal.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import type { IdempotencyClaim, StatementAnswer } from '../http/idempotency.js';
import { toLedgerError } from '../ledger/ledger.js';
import type { CentreVoucherRequest } from './centre-voucher-access.js';
import { recordSessionStatement, type SessionJson } from './session-store.js';
import { normaliseCode } from './voucher-codes.js';

export const SESSION_KINDS = ['guidance', 'preparation', 'report_writing'] as const;
export type SessionInput = { date: string; hours: Decimal; counsellor: string; kind: (typeof SESSION_KINDS)[number] };

const dateProblem = (message: string) => new RuleViolation('invalid_session_date', message, { errors: [{ path: '/date', message }] });

const REFUSALS: Refusals = {
  // Another centre's cheque, an unknown code, a cheque not registered here: the same 404.
  voucher_not_found: () => notFound('Voucher'),
  centre_not_accredited: ({ programme, onDate }) => notAccredited(programme ?? '', onDate ?? ''),
  non_billable_session: ({ kind }) =>
    new RuleViolation(
      'non_billable_session',
      `A ${(kind ?? '').replace('_', ' ')} session is not billable: only guidance hours are recorded on a cheque.`,
      {
        errors: [{ path: '/kind', message: 'only guidance is billable' }],
      },
    ),
  voucher_not_in_use: ({ status }) =>
    conflict('voucher_not_in_use', `The cheque is ${status}: sessions are recorded on a cheque in use.`, { status }),
  session_in_future: () => dateProblem('must not be in the future'),
  session_outside_validity: ({ issuedOn, validUntil }) => dateProblem(`must be within the cheque's validity, ${issuedOn} to ${validUntil}`),
  // Backdated billing, a fraud pattern (docs/design/domain.md): not before the citizen brought the cheque, not while unaccredited.
  session_before_registration: ({ registeredOn }) =>
    new RuleViolation(
      'session_before_registration',
      `A session cannot predate the cheque's registration at this centre on ${registeredOn}.`,
      {
        errors: [{ path: '/date', message: `must be on or after ${registeredOn}, when the cheque was registered here` }],
      },
    ),
  session_outside_accreditation: ({ programme, onDate }) =>
    new RuleViolation('session_outside_accreditation', `The centre held no active ${programme} accreditation on ${onDate}.`, {
      errors: [{ path: '/date', message: 'must be a day the centre was accredited for the programme' }],
    }),
};

/**
 * The outcome voucher_record_session stores and returns. `result` is absent from outcomes stored
 * before they named it; a session was recorded all the same (the one result there is).
 */
export type SessionOutcome = {
  result?: 'recorded';
  session: SessionJson;
  voucher: { code: string; status: string; remainingHours: string };
};

/** Records the session, or hands back what its Idempotency-Key already holds; refusals are thrown. */
export async function recordSession(
  app: AppContext,
  request: CentreVoucherRequest & { session: SessionInput },
  claim: IdempotencyClaim,
): Promise<StatementAnswer> {
  const { session, principal } = request;
  const recording = {
    centreId: request.centreId,
    code: normaliseCode(request.code),
    date: session.date,
    hours: session.hours.toFixed(2),
    counsellor: session.counsellor,
    kind: session.kind,
    today: app.clock.today(),
    recordedBy: principal.userId,
  };
  return recordSessionStatement(app.sequelize, claim, recording).catch((error: unknown) => {
    throw refusalError(toLedgerError(error), REFUSALS);
  });
}

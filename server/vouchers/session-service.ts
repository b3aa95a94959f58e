// A centre records a guidance session on a cheque registered to it: hours leave the cheque for
// the centre's delivered-hours account [redeem]. The busiest write of the service, so it is one
// statement: voucher_record_session (migrations 10 and 14) claims the request's Idempotency-Key,
// checks the cheque, the centre's accreditation, the kind and the date, posts the hours (never more
// than are left, whatever the concurrency), records the session, tells the citizen, and stores
// the outcome. Here: who may ask, what each refusal means, and the answer rendered from the
// outcome. Preparation and report writing are recorded nowhere: they are not billable.
import { Decimal } from 'decimal.js';
import type { AppContext } from '../app-context.js';
import { notAccredited } from '../centres/accreditation-check.js';
import { queryRows } from '../db/database.js';
import { refusalError, type Refusals } from '../db/refusal.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { answerInStatement, type IdempotencyClaim, type StatementAnswer } from '../http/idempotency.js';
import type { Reply } from '../http/route.js';
import { hours as hoursJson } from '../http/schemas.js';
import { toLedgerError } from '../ledger/ledger.js';
import type { CentreVoucherRequest } from './centre-voucher-access.js';
import { sessionFromJson, sessionView, type SessionJson } from './session-store.js';
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
  // Backdated billing (issue 13): not before the citizen brought the cheque, not while unaccredited.
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

type SessionOutcome = { session: SessionJson; voucher: { code: string; status: string; remainingHours: string } };

const renderSession = (outcome: unknown) => {
  const { session, voucher } = outcome as SessionOutcome;
  return {
    session: sessionView(sessionFromJson(session)),
    voucher: { code: voucher.code, status: voucher.status, remainingHours: hoursJson(new Decimal(voucher.remainingHours)) },
  };
};

export async function recordSession(
  app: AppContext,
  request: CentreVoucherRequest & { session: SessionInput },
  claim: IdempotencyClaim,
): Promise<Reply> {
  const { session, principal } = request;
  const statement = async () => {
    const [answer] = await queryRows<StatementAnswer>(
      app.sequelize,
      `SELECT * FROM voucher_record_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        claim.scope,
        claim.key,
        claim.fingerprint,
        request.centreId,
        normaliseCode(request.code),
        session.date,
        session.hours.toFixed(2),
        session.counsellor,
        session.kind,
        app.clock.today(),
        principal.userId,
      ],
    ).catch((error: unknown) => {
      throw refusalError(toLedgerError(error), REFUSALS);
    });
    if (!answer) throw new Error('voucher_record_session returned no answer');
    return answer;
  };
  return answerInStatement(app.sequelize, claim, statement, renderSession);
}

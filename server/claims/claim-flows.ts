// Claiming a programme's right, whatever the programme: the programme is read by the code in the
// path and its kind picks the flow (docs/design/programme-kinds.md). Each flow keeps its own way
// of being idempotent: a course grant's claim is one statement that claims the key itself (it
// must survive an opening burst: answerInStatement); an hours voucher's claim runs in a
// transaction that claims it (answerInTransaction).
import { accountClaimReply, claimAccount } from '../accounts/accounts.js';
import type { AppContext } from '../app-context.js';
import { claimCourseGrant, courseGrantClaimReply } from '../applications/applications.js';
import type { Principal } from '../auth/principal.js';
import { claimCreditLots, creditLotsClaimReply } from '../credit-lots/credit-lots.js';
import { claimHoursVoucher, hoursVoucherClaimReply } from '../entitlements/entitlements.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { answerInStatement, answerInTransaction, type IdempotencyClaim } from '../http/idempotency.js';
import type { Reply } from '../http/route.js';
import { findProgramme, type ProgrammeKind } from '../programmes/programmes.js';
import type { Language } from '../shared/language.js';

export type ClaimBody = { courseId?: string | undefined };

export type ClaimRequest = {
  app: AppContext;
  code: string;
  principal: Principal;
  language: Language;
  /** The request's Idempotency-Key, claimed by the flow itself (in its statement or its transaction). */
  claim: IdempotencyClaim;
  body: ClaimBody;
};

export type ClaimFlow = (request: ClaimRequest) => Promise<Reply>;

const hoursVoucher: ClaimFlow = ({ app, code, principal, language, claim, body }) => {
  if (body.courseId !== undefined)
    throw invalidField('/courseId', 'is not part of a claim on this programme: its right is hours, not a course');
  return answerInTransaction(app.sequelize, claim, async (transaction) =>
    hoursVoucherClaimReply(await claimHoursVoucher(app, { code, principal, transaction, language }), claim.instance),
  );
};

const courseGrant: ClaimFlow = ({ app, code, principal, language, claim, body }) => {
  if (body.courseId === undefined) throw invalidField('/courseId', 'is required: a claim on this programme names the course');
  const request = { programmeCode: code, principal, courseId: body.courseId, language, claim };
  return answerInStatement(
    app.sequelize,
    claim,
    () => claimCourseGrant(app, request),
    (outcome) => courseGrantClaimReply(outcome, language, claim.instance),
  );
};

const creditLots: ClaimFlow = ({ app, code, principal, language, claim, body }) => {
  const { courseId } = body;
  if (courseId === undefined) throw invalidField('/courseId', 'is required: a claim on this programme names the course');
  return answerInTransaction(app.sequelize, claim, async (transaction) =>
    creditLotsClaimReply(await claimCreditLots(app, { code, principal, courseId, transaction, language }), claim.instance),
  );
};

/** An accruing account: `{}` opens the account (and accrues the year); `{ courseId }` also spends it on the course. */
const accruingAccount: ClaimFlow = ({ app, code, principal, language, claim, body }) =>
  answerInTransaction(app.sequelize, claim, async (transaction) =>
    accountClaimReply(await claimAccount(app, { code, principal, courseId: body.courseId, transaction, language }), claim.instance),
  );

/**
 * A programme of a kind whose claim flow is not built yet. 409, not 404 (the programme exists and
 * may be read) nor 422 (the request is sound), nor 5xx (nothing failed): the service is not in a
 * state to take this claim, and it is answered before the Idempotency-Key is claimed, so the same
 * request can be sent again once the flow is open.
 */
export const claimsNotOpen: ClaimFlow = ({ code }) =>
  Promise.reject(conflict('claims_not_open', `Programme ${code} does not take claims through this service yet.`, { programme: code }));

/** The claim flow of each kind; a kind's owner puts its flow here in place of `claimsNotOpen`. */
export const claimFlows: Record<ProgrammeKind, ClaimFlow> = {
  hours_voucher: hoursVoucher,
  course_grant: courseGrant,
  accruing_account: accruingAccount,
  credit_lots: creditLots,
};

// A programme's kind is fixed when it opens (nothing changes it), so each process reads it once
// per programme: an opening burst would otherwise spend a query per claim on it. An unknown code
// is not remembered, since the programme may open later.
const kinds = new WeakMap<AppContext['sequelize'], Map<string, ProgrammeKind>>();

async function kindOf(request: ClaimRequest): Promise<ProgrammeKind> {
  const known = kinds.get(request.app.sequelize) ?? new Map<string, ProgrammeKind>();
  kinds.set(request.app.sequelize, known);
  const remembered = known.get(request.code);
  if (remembered) return remembered;
  const programme = await findProgramme(request.app.sequelize, request.code);
  if (!programme) throw notFound(`Programme ${request.code}`);
  known.set(programme.code, programme.kind);
  return programme.kind;
}

/** The claim of the programme named `code`, by its kind's flow; 404 for an unknown programme. */
export async function claimRight(request: ClaimRequest): Promise<Reply> {
  return claimFlows[await kindOf(request)](request);
}

// Top-ups ("abondements"): an employer, a sector fund or a region adds money to a citizen's
// account, optionally tied to a course and/or a deadline. An administrator records it when the
// money is received: a 'top_up' transaction from the funder's ledger account (the counterpart of
// what each funder paid in, like a budget's funding account) into the top-up's own account, a
// sub-account of the citizen's. Above BUDGET_FUNDING_APPROVAL_THRESHOLD it waits for a second
// administrator (a pending change), like a budget funding; each top-up is judged on its own
// amount, since each is one funder's payment into one account.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requestChange, type ChangeApplier, type Requested } from '../approvals/approvals.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { money } from '../http/schemas.js';
import { openAccount, postTransaction } from '../ledger/ledger.js';
import { findProgramme } from '../programmes/programmes.js';
import { findAccount, findCourse } from './account-store.js';
import { topUpView, type TopUpView } from './account-view.js';
import { FUNDER_TYPES, insertTopUp, type FunderType } from './top-up-store.js';

export type TopUpRequest = {
  code: string;
  citizenId: string;
  amount: Decimal;
  funder: { type: FunderType; name: string };
  courseId: string | undefined;
  deadline: string | undefined;
  note: string;
};

/** The funder's account in the programme: it goes negative by design (the counterpart of what the funder paid in). */
export const openFunderAccount = (app: AppContext, code: string, funder: TopUpRequest['funder'], currency: string, t: Transaction) =>
  openAccount(
    app.sequelize,
    {
      ownerType: 'top_up_funder',
      ownerId: `${code}:${funder.type}:${funder.name}`,
      programmeCode: code,
      unit: currency,
      mayGoNegative: true,
    },
    t,
  );

/** Checks a top-up against the state of now; returns the account it goes to and the programme's currency. */
async function checkTopUp(app: AppContext, request: TopUpRequest, t: Transaction) {
  const { sequelize } = app;
  const programme = await findProgramme(sequelize, request.code, t);
  if (!programme) throw notFound(`Programme ${request.code}`);
  if (programme.kind !== 'accruing_account')
    throw conflict('not_an_account_programme', `Programme ${request.code} has no accounts to top up.`, { kind: programme.kind });
  const today = app.clock.today();
  if (request.deadline !== undefined && request.deadline < today) throw invalidField('/deadline', `must be today (${today}) or later`);
  if (request.courseId !== undefined) {
    const course = await findCourse(sequelize, request.courseId, { code: request.code, today }, t);
    if (!course?.approved || course.programmeCode !== request.code)
      throw invalidField('/courseId', `is not an approved course of programme ${request.code}`);
  }
  const account = await findAccount(sequelize, request.citizenId, request.code, t);
  if (!account)
    throw conflict('account_not_open', `This citizen has no account in programme ${request.code} yet: their first claim opens it.`);
  return { account, currency: programme.currency };
}

/** Credits the top-up: posted once under `key`, audited. */
async function creditTopUp(
  app: AppContext,
  topUp: TopUpRequest & { id: string; actor: AuditEntry['actor']; requestId: string | undefined; key: string },
  t: Transaction,
): Promise<TopUpView> {
  const { sequelize } = app;
  const { account, currency } = await checkTopUp(app, topUp, t);
  const funderAccountId = await openFunderAccount(app, topUp.code, topUp.funder, currency, t);
  const accountId = await openAccount(
    sequelize,
    { ownerType: 'top_up', ownerId: topUp.id, programmeCode: topUp.code, unit: currency, mayGoNegative: false },
    t,
  );
  const today = app.clock.today();
  const posted = await postTransaction(
    sequelize,
    {
      kind: 'top_up',
      businessDate: today,
      idempotencyKey: topUp.key,
      metadata: { programme: topUp.code, topUpId: topUp.id, entitlementId: account.entitlementId, funder: topUp.funder },
      entries: [
        { accountId: funderAccountId, amount: topUp.amount.negated() },
        { accountId, amount: topUp.amount },
      ],
    },
    t,
  );
  const written = await insertTopUp(
    sequelize,
    {
      id: topUp.id,
      programmeCode: topUp.code,
      entitlementId: account.entitlementId,
      citizenId: topUp.citizenId,
      funder: topUp.funder,
      courseId: topUp.courseId ?? null,
      deadline: topUp.deadline ?? null,
      amount: topUp.amount,
      currency,
      accountId,
      fundingTransactionId: posted.transactionId,
      receivedOn: today,
      note: topUp.note,
      createdBy: topUp.actor.userId,
    },
    t,
  );
  const view = topUpView(written);
  await recordAudit(sequelize, t, {
    actor: topUp.actor,
    action: 'account.topped_up',
    entityType: 'account_top_up',
    entityId: topUp.id,
    before: null,
    after: { ...view, citizenId: topUp.citizenId },
    requestId: topUp.requestId,
  });
  return view;
}

/** An administrator's top-up: credited at once up to the approval threshold, otherwise a pending change. */
export async function topUpOrRequest(
  app: AppContext,
  request: TopUpRequest & { actor: Principal; requestId: string },
  t: Transaction,
): Promise<Requested<TopUpView>> {
  const id = randomUUID();
  if (request.amount.lte(app.config.budgetFundingApprovalThreshold)) {
    return { applied: await creditTopUp(app, { ...request, id, key: `top-up:${id}` }, t) };
  }
  const { currency } = await checkTopUp(app, request, t);
  const pending = await requestChange(
    app.sequelize,
    {
      kind: 'account_top_up',
      targetId: id,
      payload: {
        programme: request.code,
        citizenId: request.citizenId,
        amount: money(request.amount, currency),
        funder: request.funder,
        courseId: request.courseId ?? null,
        deadline: request.deadline ?? null,
        note: request.note,
      },
      actor: request.actor,
      requestId: request.requestId,
    },
    t,
  );
  return { pending };
}

const payloadSchema = z.object({
  programme: z.string(),
  citizenId: z.string(),
  amount: z.object({ amount: z.string(), currency: z.string() }),
  funder: z.object({ type: z.enum(FUNDER_TYPES), name: z.string() }),
  courseId: z.string().nullable(),
  deadline: z.string().nullable(),
  note: z.string(),
});

/** An approved top-up, by the approver, checked again against today; keyed by its change, so it is credited once. */
export const applyApprovedTopUp: ChangeApplier = async (app, approved, transaction) => {
  const payload = payloadSchema.parse(approved.payload);
  const credited = await creditTopUp(
    app,
    {
      id: approved.targetId,
      code: payload.programme,
      citizenId: payload.citizenId,
      amount: new Decimal(payload.amount.amount),
      funder: payload.funder,
      courseId: payload.courseId ?? undefined,
      deadline: payload.deadline ?? undefined,
      note: payload.note,
      actor: approved.approver,
      requestId: approved.requestId,
      key: `pending-change:${approved.id}`,
    },
    transaction,
  );
  return { topUpId: credited.id };
};

// Opening a programme by configuration (docs/design/programme-kinds.md): an administrator names
// its code, kind, names in Dutch and English, currency and first dated parameters; it opens when
// a second administrator approves (the parameters set amounts, so one signature never suffices).
// Its rule set, budget, accredited providers and courses then follow through their own endpoints.
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requestChange, type ChangeApplier, type PendingChange } from '../approvals/approvals.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, RuleViolation } from '../errors.js';
import { parsePart } from '../http/validation.js';
import type { ProgrammeKind } from './programme-model.js';
import { checkMergedParameters, checkMoneyBounds, wholeParametersSchema } from './programme-parameters.js';
import { findProgramme, insertParameterVersion, insertProgramme, programmesUsingPrefix } from './programme-store.js';

export type ProgrammeOpening = {
  code: string;
  kind: ProgrammeKind;
  names: { en: string; nl: string };
  currency: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  note: string | null;
  requestId: string;
};

const codeTaken = (code: string) => conflict('programme_exists', `A programme with the code ${code} already exists.`);

/** 409 when another programme's codes or references already start with what this one's would. */
export async function assertPrefixFree(app: AppContext, code: string, values: Record<string, unknown>, transaction: Transaction) {
  const prefix = typeof values.referencePrefix === 'string' ? values.referencePrefix : code;
  const users = await programmesUsingPrefix(app.sequelize, prefix, code, transaction);
  if (users.length > 0) {
    throw conflict('reference_prefix_taken', `The prefix ${prefix} already names the codes of ${users.join(', ')}.`, {
      errors: [
        {
          path: typeof values.referencePrefix === 'string' ? '/values/referencePrefix' : '/code',
          message: `is used by ${users.join(', ')}`,
        },
      ],
    });
  }
}

/**
 * The opening's values checked against its kind: whole, coherent and within the money bounds. A
 * value the kind does not use, or one it needs and is missing, is 422 `invalid_parameters`
 * pointing at it: the body is well-formed JSON, but not a programme of that kind.
 */
function checkedValues(kind: ProgrammeKind, values: Record<string, unknown>): Record<string, unknown> {
  const parsed = parsePart(wholeParametersSchema(kind), values, 'body');
  const problems = parsed.ok
    ? [...checkMergedParameters(kind, parsed.value), ...checkMoneyBounds(kind, undefined, parsed.value)].map((problem) => {
        const [path = '/values', message = problem] = problem.split(': ');
        return { path, message };
      })
    : parsed.errors.map((error) => ({ ...error, path: `/values${error.path === '/' ? '' : error.path}` }));
  if (!parsed.ok || problems.length > 0) {
    throw new RuleViolation('invalid_parameters', `The values are not the parameters of a ${kind} programme.`, { errors: problems });
  }
  return parsed.value;
}

function checkDate(app: AppContext, effectiveFrom: string) {
  if (effectiveFrom < app.clock.today()) {
    throw new RuleViolation('effective_date_in_past', 'A programme opens today or later.', {
      errors: [{ path: '/effectiveFrom', message: `must be ${app.clock.today()} or later` }],
    });
  }
}

/** The checks of requestOpening without storing anything, so a form can show its refusals before the answers are sent. */
export async function checkOpening(
  app: AppContext,
  opening: Pick<ProgrammeOpening, 'code' | 'kind' | 'effectiveFrom' | 'values'>,
): Promise<void> {
  checkDate(app, opening.effectiveFrom);
  const values = checkedValues(opening.kind, opening.values);
  await app.sequelize.transaction(async (transaction) => {
    if (await findProgramme(app.sequelize, opening.code, transaction)) throw codeTaken(opening.code);
    await assertPrefixFree(app, opening.code, values, transaction);
  });
}

/** Stores the opening as a pending change (202): nothing exists until a second administrator approves. */
export async function requestOpening(app: AppContext, actor: Principal, opening: ProgrammeOpening): Promise<PendingChange> {
  checkDate(app, opening.effectiveFrom);
  const values = checkedValues(opening.kind, opening.values);
  return app.sequelize.transaction(async (transaction) => {
    if (await findProgramme(app.sequelize, opening.code, transaction)) throw codeTaken(opening.code);
    await assertPrefixFree(app, opening.code, values, transaction);
    const { requestId, code, ...payload } = opening;
    return requestChange(
      app.sequelize,
      { kind: 'programme_opening', targetId: code, payload: { ...payload, values }, actor, requestId },
      transaction,
    );
  });
}

const openingPayload = z.object({
  kind: z.enum(['hours_voucher', 'course_grant', 'accruing_account', 'credit_lots']),
  names: z.object({ en: z.string(), nl: z.string() }),
  currency: z.string(),
  effectiveFrom: z.string(),
  values: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
});

/** The approval: checked again (the code may have been taken, the date passed), then opened by the approver. */
export const applyApprovedOpening: ChangeApplier = async (app, approved, transaction) => {
  const payload = openingPayload.parse(approved.payload);
  checkDate(app, payload.effectiveFrom);
  const opened = await openProgramme(
    app,
    approved.approver,
    { code: approved.targetId, ...payload, requestId: approved.requestId },
    transaction,
  );
  return { programme: opened.code, effectiveFrom: payload.effectiveFrom };
};

async function openProgramme(app: AppContext, actor: Principal, opening: ProgrammeOpening, transaction: Transaction) {
  const values = checkedValues(opening.kind, opening.values);
  await assertPrefixFree(app, opening.code, values, transaction);
  const programme = await insertProgramme(
    app.sequelize,
    {
      code: opening.code,
      kind: opening.kind,
      nameEn: opening.names.en,
      nameNl: opening.names.nl,
      // An hours voucher holds hours and pays its centres in the currency; every other kind holds money.
      unit: opening.kind === 'hours_voucher' ? 'HOUR' : opening.currency,
      currency: opening.currency,
    },
    transaction,
  );
  if (!programme) throw codeTaken(opening.code);
  const version = await insertParameterVersion(
    app.sequelize,
    { code: opening.code, effectiveFrom: opening.effectiveFrom, values, note: opening.note, createdBy: actor.userId },
    transaction,
  );
  if (!version) throw new Error('a new programme already had a parameter version');
  await recordAudit(app.sequelize, transaction, {
    actor,
    action: 'programme.opened',
    entityType: 'programme',
    entityId: programme.code,
    before: null,
    after: { ...programme, parameters: { effectiveFrom: version.effectiveFrom, values: version.values } },
    requestId: opening.requestId,
  });
  return programme;
}

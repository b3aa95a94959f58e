// Programmes as the public sees them (parameters in force today and the budget left) and the
// administrator's dated parameter changes (those that set amounts with a second administrator).
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requestChange, type ChangeApplier, type Requested } from '../approvals/approvals.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, notFound, RuleViolation, ValidationError } from '../errors.js';
import { parsePart } from '../http/validation.js';
import { decodeCursorAs, toPage, type Page } from '../shared/pagination.js';
import { dateSchema, programmeCodeSchema } from '../http/schemas.js';
import { placesLeft } from './budget-guard.js';
import { programmeBudget } from './budget-read.js';
import type { ProgrammeKind } from './programme-model.js';
import { assertPrefixFree } from './programme-opening.js';
import { checkMergedParameters, checkMoneyBounds, moneyParametersChanged, parameterChangeSchema } from './programme-parameters.js';
import {
  findProgramme,
  insertParameterVersion,
  listProgrammes,
  parametersInForce,
  parameterVersions,
  type ParameterVersion,
  type ProgrammeRow,
} from './programme-store.js';

type PageQuery = { limit: number; cursor?: string | undefined };
// Cursors carry the last item's code or start date, checked before they reach SQL.
const codeKey = z.tuple([programmeCodeSchema]);
const dateKey = z.tuple([dateSchema]);

async function view(app: AppContext, programme: ProgrammeRow) {
  const today = app.clock.today();
  const [parameters, budget, places] = await Promise.all([
    parametersInForce(app.sequelize, programme.code, today),
    programmeBudget(app.sequelize, programme.code),
    placesLeft(app.sequelize, programme.code, today),
  ]);
  return {
    code: programme.code,
    kind: programme.kind,
    name: programme.name,
    names: { en: programme.name, nl: programme.nameNl },
    unit: programme.unit,
    currency: programme.currency,
    parameters: parameters?.values ?? {},
    parametersEffectiveFrom: parameters?.effectiveFrom ?? null,
    budget: {
      total: budget.total.toFixed(2),
      committed: budget.committed.toFixed(2),
      remaining: budget.remaining.toFixed(2),
      currency: budget.currency,
      /** null when the programme has no places target. */
      placesLeft: places,
    },
  };
}

export async function describeProgrammes(app: AppContext, page: PageQuery) {
  const afterCode = decodeCursorAs(page.cursor, codeKey)?.[0];
  const rows = await listProgrammes(app.sequelize, { afterCode, limit: page.limit + 1 });
  const shown = toPage(
    rows,
    page.limit,
    (row) => [row.code],
    (row) => row,
  );
  return { items: await Promise.all(shown.items.map((programme) => view(app, programme))), nextCursor: shown.nextCursor };
}

export async function describeProgramme(app: AppContext, code: string) {
  const programme = await findProgramme(app.sequelize, code);
  if (!programme) throw notFound(`Programme ${code}`);
  return view(app, programme);
}

export async function listParameterVersions(app: AppContext, code: string, page: PageQuery): Promise<Page<ParameterVersion>> {
  const after = decodeCursorAs(page.cursor, dateKey)?.[0];
  if (!(await findProgramme(app.sequelize, code))) throw notFound(`Programme ${code}`);
  const rows = await parameterVersions(app.sequelize, code, { after, limit: page.limit + 1 });
  return toPage(
    rows,
    page.limit,
    (row) => [row.effectiveFrom],
    (row) => row,
  );
}

export type ParameterChange = {
  code: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  note: string | null;
  requestId: string;
};

/**
 * A new version from `effectiveFrom`, merged over the version in force on that date. Past dates
 * are refused: a fee or period already applied to sessions and decisions must stay as it was. A
 * version that changes an amount (fee, co-payment, hours, maximum) only waits for a second
 * administrator (a pending change); one that changes days, dates or places applies at once.
 */
export async function changeParameters(app: AppContext, actor: Principal, request: ParameterChange): Promise<Requested<ParameterVersion>> {
  return app.sequelize.transaction(async (transaction) => {
    const programme = await findProgramme(app.sequelize, request.code, transaction);
    if (!programme) throw notFound(`Programme ${request.code}`);
    const change = { ...request, values: parsedChange(programme.kind, request.values) };
    const { previous, values } = await mergedVersion(app, change, transaction);
    const money = moneyParametersChanged(programme.kind, previous?.values, change.values);
    if (money.length === 0) return { applied: await insertVersion(app, actor, change, { previous, values }, transaction) };
    const inForce = Object.fromEntries(money.map((name) => [name, previous?.values[name] ?? null]));
    const pending = await requestChange(
      app.sequelize,
      {
        kind: 'programme_parameters',
        targetId: change.code,
        payload: { effectiveFrom: change.effectiveFrom, values: change.values, note: change.note, inForce },
        actor,
        requestId: change.requestId,
      },
      transaction,
    );
    return { pending };
  });
}

/**
 * The checks of changeParameters without storing anything: the same refusals (a past or taken
 * date, values out of bounds or incoherent), so a form can show them before its answers are
 * checked and sent. A change waiting already (change_pending) is only known when it is sent.
 */
export async function checkParameterChange(
  app: AppContext,
  request: Pick<ParameterChange, 'code' | 'effectiveFrom' | 'values'>,
): Promise<void> {
  await app.sequelize.transaction(async (transaction) => {
    const programme = await findProgramme(app.sequelize, request.code, transaction);
    if (!programme) throw notFound(`Programme ${request.code}`);
    const values = parsedChange(programme.kind, request.values);
    await mergedVersion(app, { ...request, values, note: null, requestId: '' }, transaction);
  });
}

/** The values a change names, checked against its programme's kind: 400 naming `/values/<name>`. */
function parsedChange(kind: ProgrammeKind, values: Record<string, unknown>): Record<string, unknown> {
  const parsed = parsePart(parameterChangeSchema(kind), values, 'body');
  if (!parsed.ok)
    throw new ValidationError(parsed.errors.map((error) => ({ ...error, path: `/values${error.path === '/' ? '' : error.path}` })));
  return parsed.value;
}

const parameterPayload = z.object({ effectiveFrom: z.string(), values: z.record(z.string(), z.unknown()), note: z.string().nullable() });

/** The approval of a pending version: checked again against the versions and the date of now. */
export const applyApprovedParameters: ChangeApplier = async (app, approved, transaction) => {
  const change = { code: approved.targetId, ...parameterPayload.parse(approved.payload), requestId: approved.requestId };
  const version = await insertVersion(app, approved.approver, change, await mergedVersion(app, change, transaction), transaction);
  return { parameterVersionId: version.id, effectiveFrom: version.effectiveFrom };
};

type Merged = { previous: ParameterVersion | undefined; values: Record<string, unknown> };

async function mergedVersion(app: AppContext, change: ParameterChange, transaction: Transaction): Promise<Merged> {
  if (change.effectiveFrom < app.clock.today()) {
    throw new RuleViolation('effective_date_in_past', 'Parameters can only change from today or a later date.', {
      errors: [{ path: '/effectiveFrom', message: `must be ${app.clock.today()} or later` }],
    });
  }
  const programme = await findProgramme(app.sequelize, change.code, transaction);
  if (!programme) throw notFound(`Programme ${change.code}`);
  const previous = await parametersInForce(app.sequelize, change.code, change.effectiveFrom, transaction);
  if (previous?.effectiveFrom === change.effectiveFrom) throw versionExists(change.effectiveFrom);
  const values = { ...(previous?.values ?? {}), ...change.values };
  if ('referencePrefix' in change.values) await assertPrefixFree(app, change.code, values, transaction);
  const problems = [...checkMergedParameters(programme.kind, values), ...checkMoneyBounds(programme.kind, previous?.values, values)];
  if (problems.length > 0) {
    throw new RuleViolation('invalid_parameters', 'The parameters would not be coherent or within bounds after this change.', {
      errors: problems.map((problem) => {
        const [path = '/values', message = problem] = problem.split(': ');
        return { path, message };
      }),
    });
  }
  return { previous, values };
}

const versionExists = (date: string) => conflict('parameters_exist', `A parameter version starting ${date} already exists.`);

async function insertVersion(
  app: AppContext,
  actor: Principal,
  change: ParameterChange,
  { previous, values }: Merged,
  transaction: Transaction,
) {
  const version = await insertParameterVersion(
    app.sequelize,
    { code: change.code, effectiveFrom: change.effectiveFrom, values, note: change.note, createdBy: actor.userId },
    transaction,
  );
  if (!version) throw versionExists(change.effectiveFrom);
  await recordAudit(app.sequelize, transaction, {
    actor,
    action: 'programme.parameters.changed',
    entityType: 'programme',
    entityId: change.code,
    before: previous ? { effectiveFrom: previous.effectiveFrom, values: previous.values } : null,
    after: { effectiveFrom: version.effectiveFrom, values: version.values },
    requestId: change.requestId,
  });
  return version;
}

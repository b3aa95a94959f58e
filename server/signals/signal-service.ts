// Signals that need a look: detection opens a case per finding (never twice for a kind and
// subject), an administrator closes it with a reason. A case is for a person to look at; nothing
// here or anywhere else holds a payment back because a case is open (a Dutch court ruled payment
// may not be withheld only because a provider is under investigation). Opening and closing are audited.
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { recordAudit } from '../audit/audit-log.js';
import { conflict, notFound } from '../errors.js';
import { decodeTimeIdCursor, toPage, type Page } from '../shared/pagination.js';
import {
  countCases,
  detectedWithin,
  findCase,
  findCases,
  lastDetection,
  openCase,
  recordClose,
  recordDetection,
  type CaseFilter,
  type SignalCaseRow,
} from './signal-case-store.js';
import { DETECTORS, SIGNAL_KINDS, type SignalKind, type SignalRow } from './signal-detectors.js';

export type SignalCaseView = {
  id: string;
  kind: SignalKind;
  subject: string;
  centre: { id: string; name: string | null } | null;
  facts: Record<string, string | number | boolean | null>;
  rows: SignalRow[];
  status: 'open' | 'closed';
  detectedAt: string;
  closed: { at: string; by: { id: string; email: string | null }; reason: string } | null;
};

export const signalCaseView = (row: SignalCaseRow): SignalCaseView => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  centre: row.centre_id ? { id: row.centre_id, name: row.centre_name } : null,
  facts: row.facts,
  rows: row.rows,
  status: row.status,
  detectedAt: row.detected_at.toISOString(),
  closed:
    row.closed_at && row.closed_by && row.close_reason
      ? { at: row.closed_at.toISOString(), by: { id: row.closed_by, email: row.closed_by_email }, reason: row.close_reason }
      : null,
});

export type DetectionResult = { opened: number; cases: string[] };

type Actor = Pick<Principal, 'userId' | 'role'> | { userId: null; role: 'system' };

/**
 * Runs `kinds` of detectors at `now` and opens a case for each new finding, each in its own
 * transaction with its audit entry. Safe to run twice or on two instances at once: a finding
 * whose kind and subject already have a case opens nothing.
 */
export async function detectSignals(
  app: AppContext,
  input: { now: Date; actor: Actor; kinds?: readonly SignalKind[]; requestId?: string },
): Promise<DetectionResult> {
  const cases: string[] = [];
  for (const kind of input.kinds ?? SIGNAL_KINDS) {
    for (const finding of await DETECTORS[kind](app.sequelize, input.now, app.config.signals)) {
      const opened = await app.sequelize.transaction(async (transaction) => {
        const row = await openCase(app.sequelize, finding, input.now, transaction);
        if (row) {
          await recordAudit(app.sequelize, transaction, {
            actor: input.actor,
            action: 'signal_case.opened',
            entityType: 'signal_case',
            entityId: row.id,
            before: null,
            after: { kind: finding.kind, subject: finding.subject, centreId: finding.centreId, facts: finding.facts },
            ...(input.requestId ? { requestId: input.requestId } : {}),
          });
        }
        return row;
      });
      if (opened) cases.push(opened.id);
    }
  }
  // Only a run of every detector counts as a detection (the job's pace and the page's "last run" read it).
  if (!input.kinds) await recordDetection(app.sequelize, { startedAt: input.now, opened: cases.length, requestedBy: input.actor.userId });
  return { opened: cases.length, cases };
}

/** On demand (an administrator, from the page or the API): every detector, now. */
export const detectNow = (app: AppContext, principal: Principal, requestId: string) =>
  detectSignals(app, { now: app.clock.now(), actor: principal, requestId });

/**
 * The scheduled job: the wrong-tries detector at every tick (its counts are forgotten once their
 * hour has passed), every detector once the detection interval has passed since the last run.
 */
export async function detectDueSignals(app: AppContext, now: Date): Promise<number> {
  const system = { userId: null, role: 'system' } as const;
  if (await detectedWithin(app.sequelize, now, app.config.signals.detectIntervalMinutes)) {
    const tries = await detectSignals(app, { now, actor: system, kinds: ['wrong_client_numbers'] });
    return tries.opened;
  }
  return (await detectSignals(app, { now, actor: system })).opened;
}

export type SignalCaseFilter = CaseFilter;

export async function listSignalCases(
  app: AppContext,
  filter: SignalCaseFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<SignalCaseView>> {
  const rows = await findCases(app.sequelize, filter, { before: decodeTimeIdCursor(page.cursor), limit: page.limit + 1 });
  return toPage(rows, page.limit, (row) => [row.detected_at.toISOString(), row.id], signalCaseView);
}

/** A page of cases by number, for the portal's list (with how many there are in all). */
export async function signalCasesPage(app: AppContext, filter: SignalCaseFilter, page: { number: number; size: number }) {
  const [rows, total] = await Promise.all([
    findCases(app.sequelize, filter, { before: undefined, limit: page.size, offset: (page.number - 1) * page.size }),
    countCases(app.sequelize, filter),
  ]);
  return { items: rows.map(signalCaseView), total };
}

export async function readSignalCase(app: AppContext, id: string): Promise<SignalCaseView> {
  const row = await findCase(app.sequelize, id);
  if (!row) throw notFound('Signal case');
  return signalCaseView(row);
}

export const lastDetectedAt = (app: AppContext) => lastDetection(app.sequelize);

/** An administrator closes an open case with the reason (what was looked at, what was found); audited. */
export async function closeSignalCase(
  app: AppContext,
  principal: Principal,
  input: { id: string; reason: string; requestId: string },
): Promise<SignalCaseView> {
  return app.sequelize.transaction(async (transaction) => {
    const before = await findCase(app.sequelize, input.id, { transaction, forUpdate: true });
    if (!before) throw notFound('Signal case');
    if (before.status !== 'open') throw conflict('signal_case_closed', 'This case was closed already.');
    const closedAt = app.clock.now();
    await recordClose(app.sequelize, transaction, before.id, { closedBy: principal.userId, closedAt, reason: input.reason });
    await recordAudit(app.sequelize, transaction, {
      actor: principal,
      action: 'signal_case.closed',
      entityType: 'signal_case',
      entityId: before.id,
      before: { status: before.status },
      after: { status: 'closed', reason: input.reason, closedAt: closedAt.toISOString() },
      requestId: input.requestId,
    });
    const after = await findCase(app.sequelize, before.id, { transaction });
    if (!after) throw new Error(`signal case ${before.id} vanished while locked`);
    return signalCaseView(after);
  });
}

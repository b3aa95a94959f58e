// Contesting a refusal: within CONTEST_WINDOW_DAYS of the refusal's date (the last day included) the
// citizen it refused sends a message and evidence; one contest is open per decision at a time. An
// administrator answers it once (upheld or rejected, with a message), audited, and the citizen is
// notified (in the portal and by e-mail) in the same transaction.
import { randomInt } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { readDecision } from '../eligibility/eligibility.js';
import { conflict, notFound, RuleViolation } from '../errors.js';
import { notify } from '../notifications/notifications.js';
import { addDays } from '../shared/calendar.js';
import { decodeTimeIdCursor, toPage, type Page } from '../shared/pagination.js';
import {
  findContest,
  findContests,
  findEvidenceContent,
  findEvidenceOf,
  insertContest,
  insertEvidence,
  recordAnswer,
  type ContestFilter,
  type ContestRow,
} from './contest-store.js';
import { contestView, type ContestView } from './contest-view.js';
import { checkEvidence, type EvidenceProblem, type SentFile } from './evidence-files.js';

const PROBLEM_TEXT: Record<EvidenceProblem['problem'], string> = {
  too_large: 'is larger than 5 MB',
  wrong_type: 'is not a PDF, JPEG or PNG file (judged by its content)',
  mismatch: 'holds another type than its name says (judged by its content)',
  too_many: 'is one file too many: send at most 5',
};

/** The last day a refusal of `decidedOn` may be contested. */
export const contestDeadline = (app: AppContext, decidedOn: string) => addDays(decidedOn, app.config.contestWindowDays);

/** The refusal the citizen may contest now, or why not (404 for another's decision, 409 otherwise). */
export async function contestableDecision(app: AppContext, principal: Principal, decisionId: string) {
  const decision = await readDecision(app, principal, decisionId, { replay: false, language: 'en' });
  if (decision.eligible) throw conflict('not_a_refusal', 'Only a refusal can be contested; this decision found you eligible.');
  const deadline = contestDeadline(app, decision.referenceDate);
  if (app.clock.today() > deadline) {
    throw conflict('contest_period_ended', `The ${app.config.contestWindowDays} days to contest this decision ended on ${deadline}.`, {
      deadline,
    });
  }
  return { decision, deadline };
}

export async function contestRefusal(
  app: AppContext,
  principal: Principal,
  input: { decisionId: string; message: string; files: readonly SentFile[]; tooManyFiles: boolean; requestId: string },
): Promise<ContestView> {
  const { decision } = await contestableDecision(app, principal, input.decisionId);
  const evidence = checkEvidence(input.files, input.tooManyFiles);
  if (!evidence.ok) {
    throw new RuleViolation('evidence_refused', 'An evidence file cannot be accepted.', {
      errors: evidence.problems.map(({ index, problem }) => ({ path: `/files/${index}`, message: PROBLEM_TEXT[problem] })),
    });
  }
  return app.sequelize.transaction(async (transaction) => {
    const row = await insertContest(app.sequelize, transaction, {
      reference: newReference(),
      decision_id: input.decisionId,
      citizen_id: decision.citizenId,
      user_id: principal.userId,
      programme_code: decision.programme,
      message: input.message,
      contested_on: app.clock.today(),
      created_at: app.clock.now(),
    });
    if (!row) throw conflict('contest_open', 'This decision is contested already; wait for the answer.');
    const files = await insertEvidence(app.sequelize, transaction, row.id, evidence.files);
    await recordAudit(app.sequelize, transaction, {
      actor: principal,
      action: 'contest.open',
      entityType: 'contest',
      entityId: row.id,
      before: null,
      after: { decisionId: row.decision_id, files: files.map((file) => ({ sha256: file.sha256, mediaType: file.media_type })) },
      requestId: input.requestId,
    });
    await notify(app.sequelize, transaction, {
      role: 'admin',
      kind: 'contest_opened',
      subject: `A refusal of ${row.programme_code} is contested (${row.reference})`,
      body: `A citizen contests decision ${row.decision_id} with ${files.length} evidence file(s). Answer it within the service's time limits.`,
      data: { contestId: row.id, reference: row.reference, decisionId: row.decision_id },
    });
    return contestView(row, files);
  });
}

/** For its citizen, an administrator or an auditor; another citizen's contest is a 404. */
export async function readContest(app: AppContext, principal: Principal, id: string): Promise<ContestView> {
  const row = await ownContest(app, principal, id);
  return contestView(row, await findEvidenceOf(app.sequelize, [row.id]));
}

async function ownContest(app: AppContext, principal: Principal, id: string): Promise<ContestRow> {
  const row = await findContest(app.sequelize, id);
  if (!row || (principal.role === 'citizen' && row.citizen_id !== principal.citizenId)) throw notFound('Contest');
  return row;
}

export async function listContests(
  app: AppContext,
  filter: ContestFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ContestView>> {
  const rows = await findContests(app.sequelize, filter, { before: decodeTimeIdCursor(page.cursor), limit: page.limit + 1 });
  const evidence = await findEvidenceOf(
    app.sequelize,
    rows.slice(0, page.limit).map((row) => row.id),
  );
  return toPage(
    rows,
    page.limit,
    (row) => [row.created_at.toISOString(), row.id],
    (row) =>
      contestView(
        row,
        evidence.filter((file) => file.contest_id === row.id),
      ),
  );
}

/** A file of a contest, for its citizen, an administrator or an auditor. */
export async function readEvidence(app: AppContext, principal: Principal, contestId: string, evidenceId: string) {
  await ownContest(app, principal, contestId);
  const file = await findEvidenceContent(app.sequelize, contestId, evidenceId);
  if (!file) throw notFound('Evidence');
  return file;
}

export async function answerContest(
  app: AppContext,
  principal: Principal,
  input: { contestId: string; outcome: 'upheld' | 'rejected'; message: string; requestId: string },
): Promise<ContestView> {
  return app.sequelize.transaction(async (transaction) => {
    const before = await findContest(app.sequelize, input.contestId, { transaction, forUpdate: true });
    if (!before) throw notFound('Contest');
    if (before.status !== 'open') throw conflict('contest_answered', `This contest was answered already (${before.status}).`);
    const row = await recordAnswer(app.sequelize, transaction, before.id, {
      status: input.outcome,
      answer: input.message,
      answeredBy: principal.userId,
      answeredAt: app.clock.now(),
    });
    await recordAudit(app.sequelize, transaction, {
      actor: principal,
      action: 'contest.answer',
      entityType: 'contest',
      entityId: row.id,
      before: { status: before.status },
      after: { status: row.status, answer: row.answer },
      requestId: input.requestId,
    });
    await notify(app.sequelize, transaction, {
      userId: row.user_id,
      kind: 'contest_answered',
      subject: `Your contest ${row.reference} was ${row.status === 'upheld' ? 'upheld' : 'rejected'}`,
      body:
        (row.status === 'upheld'
          ? 'We agree with you: the refusal does not stand, and we will look at your case again. '
          : 'We looked at your message and evidence, and the refusal stands. ') + input.message,
      data: { contestId: row.id, reference: row.reference, decisionId: row.decision_id, outcome: row.status },
    });
    return contestView(row, await findEvidenceOf(app.sequelize, [row.id]));
  });
}

// Crockford base32 without I, L, O, U: read out at a counter without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = () => `CT-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

// Courses of learning providers: proposed by the provider (or an administrator for it) for one
// programme that pays for courses, approved or rejected by an administrator, and only approved
// ones are shown to citizens. Only a provider accredited for that programme today may have a
// course proposed, and its price is in the programme's currency.
import type { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { conflict, invalidField, notFound, RuleViolation } from '../errors.js';
import { money } from '../http/schemas.js';
import { toPage } from '../shared/pagination.js';
import { findProgramme, type ProgrammeKind, type ProgrammeRow } from '../programmes/programmes.js';
import { programmesAccreditedOn } from './accreditation-store.js';
import { assertActiveAccreditation } from './centres.js';
import { cursorAfter } from './list-cursor.js';
import { findCentre } from './centre-store.js';
import {
  decideCourse,
  findCourse,
  insertCourse,
  listApprovedCourses,
  listCentreCourses,
  listPendingCourses,
  updatePendingCourse,
  type Course,
} from './course-store.js';

/** The kinds whose citizens spend on approved courses (an hours voucher pays for guidance sessions). */
const COURSE_KINDS: readonly ProgrammeKind[] = ['course_grant', 'accruing_account', 'credit_lots'];

const publicView = (course: Course) => ({
  id: course.id,
  title: course.title,
  price: money(course.price, course.currency),
  qualification: course.qualification,
  programme: course.programmeCode,
  tags: course.tags,
});

const fullView = (course: Course) => ({
  ...publicView(course),
  centreId: course.centreId,
  status: course.status,
  decidedAt: course.decidedAt,
  createdAt: course.createdAt,
});

type Proposal = {
  centreId: string;
  title: string;
  price: Decimal;
  currency?: string | undefined;
  qualification: string;
  programme?: string | undefined;
  tags?: string[] | undefined;
  requestId: string;
};

/** The programmes that pay for courses the centre is accredited for today: what it may propose courses for. */
export async function courseProgrammesOf(app: AppContext, centreId: string, transaction?: Transaction): Promise<ProgrammeRow[]> {
  const accredited = await programmesAccreditedOn(app.sequelize, { centreId, onDate: app.clock.today() }, transaction);
  return (await Promise.all(accredited.map((code) => findProgramme(app.sequelize, code, transaction)))).filter(
    (programme): programme is ProgrammeRow => programme !== undefined && COURSE_KINDS.includes(programme.kind),
  );
}

/**
 * The programme a course is proposed for: the one named (422 at /programme when it is unknown or
 * pays for no courses), else the only course-paying programme the provider is accredited for today.
 */
async function programmeFor(app: AppContext, proposal: Proposal, t: Transaction): Promise<ProgrammeRow> {
  if (proposal.programme !== undefined) {
    const named = await findProgramme(app.sequelize, proposal.programme, t);
    if (!named) throw invalidField('/programme', `no programme has the code ${proposal.programme}`);
    if (!COURSE_KINDS.includes(named.kind)) throw invalidField('/programme', `${named.code} pays for no courses`);
    return named;
  }
  const programmes = await courseProgrammesOf(app, proposal.centreId, t);
  const [only] = programmes;
  if (programmes.length === 1 && only) return only;
  if (programmes.length === 0) {
    throw new RuleViolation(
      'centre_not_accredited',
      `The centre has no active accreditation for a programme that pays for courses on ${app.clock.today()}.`,
    );
  }
  throw invalidField('/programme', `is required: the provider offers courses in ${programmes.map((p) => p.code).join(', ')}`);
}

export async function proposeCourse(app: AppContext, actor: Principal, proposal: Proposal, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (!(await findCentre(app.sequelize, proposal.centreId, { transaction: t }))) throw notFound('Centre');
    const programme = await programmeFor(app, proposal, t);
    // A suspended (or never accredited) provider offers nothing new, whoever proposes for it.
    await assertActiveAccreditation(app.sequelize, proposal.centreId, programme.code, app.clock.today(), t);
    if (proposal.currency !== undefined && proposal.currency !== programme.currency) {
      throw invalidField('/currency', `must be ${programme.currency}, the currency of ${programme.code}`);
    }
    const course = fullView(
      await insertCourse(
        app.sequelize,
        { ...proposal, programmeCode: programme.code, tags: proposal.tags ?? [], currency: programme.currency, at: app.clock.now() },
        t,
      ),
    );
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'course.propose',
      entityType: 'course',
      entityId: course.id,
      before: null,
      after: course,
      requestId: proposal.requestId,
    });
    return course;
  });
}

type Decision = { courseId: string; decision: 'approved' | 'rejected'; reason: string | undefined; requestId: string };

export async function decideCourseApproval(app: AppContext, actor: Principal, decision: Decision, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const before = await findCourse(app.sequelize, decision.courseId, { transaction: t, lock: true });
    if (!before) throw notFound('Course');
    if (before.status !== 'pending') throw conflict('course_already_decided', `The course was already ${before.status}.`);
    const after = fullView(
      await decideCourse(app.sequelize, { id: before.id, status: decision.decision, decidedBy: actor.userId, at: app.clock.now() }, t),
    );
    // The courses table has no reason column: the audit entry is where the reason is kept.
    await recordAudit(app.sequelize, t, {
      actor,
      action: decision.decision === 'approved' ? 'course.approve' : 'course.reject',
      entityType: 'course',
      entityId: before.id,
      before: fullView(before),
      after: { ...after, reason: decision.reason ?? null },
      requestId: decision.requestId,
    });
    return { ...after, reason: decision.reason ?? null };
  });
}

export async function listCourses(
  app: AppContext,
  centreId: string,
  page: { limit: number; cursor?: string | undefined; programme?: string | undefined },
) {
  const after = cursorAfter(page.cursor, 'text');
  if (!(await findCentre(app.sequelize, centreId))) throw notFound('Centre');
  const rows = await listApprovedCourses(app.sequelize, centreId, { after, limit: page.limit + 1, programme: page.programme });
  return toPage(rows, page.limit, (row) => [row.title, row.id], publicView);
}

type Edit = {
  centreId: string;
  courseId: string;
  title: string;
  price: Decimal;
  qualification: string;
  tags: string[];
  requestId: string;
};

/**
 * The provider changes its course while it waits for approval: title, price, qualification and
 * tags (the programme stays: another programme is another proposal). Once an administrator has
 * decided, the course is what was decided: 409 course_already_decided. Another centre's course is 404.
 */
export async function editPendingCourse(app: AppContext, actor: Principal, edit: Edit, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const before = await findCourse(app.sequelize, edit.courseId, { transaction: t, lock: true });
    if (!before || before.centreId !== edit.centreId) throw notFound('Course');
    if (before.status !== 'pending') throw conflict('course_already_decided', `The course was already ${before.status}.`);
    const after = fullView(await updatePendingCourse(app.sequelize, { ...edit, id: before.id }, t));
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'course.edit',
      entityType: 'course',
      entityId: before.id,
      before: fullView(before),
      after,
      requestId: edit.requestId,
    });
    return after;
  });
}

/** A centre's own courses, pending, approved and rejected, newest first (its staff's view). */
export async function centreCourses(app: AppContext, centreId: string, page: { offset: number; limit: number }) {
  const found = await listCentreCourses(app.sequelize, centreId, page);
  return { items: found.items.map(fullView), total: found.total };
}

/** One course of the centre, whatever its status; another centre's is 404. */
export async function centreCourse(app: AppContext, centreId: string, courseId: string) {
  const course = await findCourse(app.sequelize, courseId);
  if (!course || course.centreId !== centreId) throw notFound('Course');
  return fullView(course);
}

/** The approval queue: courses waiting for a decision, oldest first, with their provider's name. */
export async function pendingCourses(app: AppContext, page: { offset: number; limit: number }) {
  const found = await listPendingCourses(app.sequelize, page);
  return { items: found.items.map((course) => ({ ...fullView(course), centreName: course.centreName })), total: found.total };
}

/** One course of any provider, whatever its status (administrators and auditors). */
export async function anyCourse(app: AppContext, courseId: string) {
  const course = await findCourse(app.sequelize, courseId);
  if (!course) throw notFound('Course');
  return fullView(course);
}

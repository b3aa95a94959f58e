// Courses of learning providers (ITA): proposed by the provider (or an administrator for it),
// approved or rejected by an administrator, and only approved ones are shown to citizens. Only a
// provider accredited for ITA today may have a course proposed.
import type { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { money } from '../http/schemas.js';
import { toPage } from '../shared/pagination.js';
import { assertActiveAccreditation } from './centres.js';
import { cursorAfter } from './list-cursor.js';
import { findCentre } from './centre-store.js';
import { decideCourse, findCourse, insertCourse, listApprovedCourses, type Course } from './course-store.js';

/** Courses are an ITA concept, funded in pounds; another currency must be asked for explicitly. */
const COURSE_PROGRAMME = 'ITA';
const DEFAULT_CURRENCY = 'GBP' as const;

const publicView = (course: Course) => ({
  id: course.id,
  title: course.title,
  price: money(course.price, course.currency),
  qualification: course.qualification,
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
  currency?: 'EUR' | 'GBP' | undefined;
  qualification: string;
  requestId: string;
};

export async function proposeCourse(app: AppContext, actor: Principal, proposal: Proposal, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (!(await findCentre(app.sequelize, proposal.centreId, { transaction: t }))) throw notFound('Centre');
    // A suspended (or never accredited) provider offers nothing new, whoever proposes for it.
    await assertActiveAccreditation(app.sequelize, proposal.centreId, COURSE_PROGRAMME, app.clock.today(), t);
    const course = fullView(
      await insertCourse(app.sequelize, { ...proposal, currency: proposal.currency ?? DEFAULT_CURRENCY, at: app.clock.now() }, t),
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

export async function listCourses(app: AppContext, centreId: string, page: { limit: number; cursor?: string | undefined }) {
  const after = cursorAfter(page.cursor, 'text');
  if (!(await findCentre(app.sequelize, centreId))) throw notFound('Centre');
  const rows = await listApprovedCourses(app.sequelize, centreId, { after, limit: page.limit + 1 });
  return toPage(rows, page.limit, (row) => [row.title, row.id], publicView);
}

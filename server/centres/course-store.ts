// Data access for courses of learning providers (ITA): plain SQL, plain objects.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type CourseStatus = 'pending' | 'approved' | 'rejected';

type CourseRow = {
  id: string;
  centre_id: string;
  title: string;
  qualification: string;
  price: string;
  currency: string;
  status: CourseStatus;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
};

export type Course = {
  id: string;
  centreId: string;
  title: string;
  qualification: string;
  price: Decimal;
  currency: string;
  status: CourseStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

const COLUMNS = `id, centre_id, title, qualification, price, currency, status, decided_by, decided_at, created_at`;

const toCourse = (row: CourseRow): Course => ({
  id: row.id,
  centreId: row.centre_id,
  title: row.title,
  qualification: row.qualification,
  price: new Decimal(row.price),
  currency: row.currency,
  status: row.status,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

export async function insertCourse(
  sequelize: Sequelize,
  course: { centreId: string; title: string; qualification: string; price: Decimal; currency: string; at: Date },
  transaction: Transaction,
): Promise<Course> {
  const [row] = await queryRows<CourseRow>(
    sequelize,
    `INSERT INTO courses (centre_id, title, qualification, price, currency, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [course.centreId, course.title, course.qualification, course.price.toFixed(2), course.currency, course.at],
    { transaction },
  );
  if (!row) throw new Error('course insert returned nothing');
  return toCourse(row);
}

export async function findCourse(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction; lock?: boolean; status?: CourseStatus } = {},
) {
  const [row] = await queryRows<CourseRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM courses WHERE id = $1 AND ($2::text IS NULL OR status = $2) ${options.lock ? 'FOR UPDATE' : ''}`,
    [id, options.status ?? null],
    { transaction: options.transaction },
  );
  return row && toCourse(row);
}

export async function decideCourse(
  sequelize: Sequelize,
  decision: { id: string; status: 'approved' | 'rejected'; decidedBy: string; at: Date },
  transaction: Transaction,
): Promise<Course> {
  const [row] = await queryRows<CourseRow>(
    sequelize,
    `UPDATE courses SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
    [decision.id, decision.status, decision.decidedBy, decision.at],
    { transaction },
  );
  if (!row) throw new Error('course update returned nothing');
  return toCourse(row);
}

/** Approved courses of one centre by title; `after` is the [title, id] of the previous page's last. */
export async function listApprovedCourses(
  sequelize: Sequelize,
  centreId: string,
  page: { after: [string, string] | undefined; limit: number },
): Promise<Course[]> {
  const rows = await queryRows<CourseRow>(
    sequelize,
    `SELECT ${COLUMNS} FROM courses
     WHERE centre_id = $1 AND status = 'approved' AND ($2::text IS NULL OR (title, id) > ($2::text, $3::uuid))
     ORDER BY title, id LIMIT $4`,
    [centreId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );
  return rows.map(toCourse);
}

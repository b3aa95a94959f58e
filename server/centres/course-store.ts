// Data access for courses of learning providers, through the Course model (course-model.ts);
// answers are plain objects, prices exact Decimals.
import { Decimal } from 'decimal.js';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { modelsOf } from '../db/models.js';
import type { CourseAttributes, CourseStatus } from './course-model.js';

export type Course = {
  id: string;
  centreId: string;
  programmeCode: string;
  tags: string[];
  title: string;
  qualification: string;
  price: Decimal;
  currency: string;
  status: CourseStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

const toCourse = (row: CourseAttributes): Course => ({
  id: row.id,
  centreId: row.centreId,
  programmeCode: row.programmeCode,
  tags: row.tags,
  title: row.title,
  qualification: row.qualification,
  price: new Decimal(row.price),
  currency: row.currency,
  status: row.status,
  decidedBy: row.decidedBy,
  decidedAt: row.decidedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function insertCourse(
  sequelize: Sequelize,
  course: {
    centreId: string;
    programmeCode: string;
    tags: string[];
    title: string;
    qualification: string;
    price: Decimal;
    currency: string;
    at: Date;
  },
  transaction: Transaction,
): Promise<Course> {
  const created = await modelsOf(sequelize).Course.create(
    {
      centreId: course.centreId,
      programmeCode: course.programmeCode,
      tags: course.tags,
      title: course.title,
      qualification: course.qualification,
      price: course.price.toFixed(2),
      currency: course.currency,
      createdAt: course.at,
    },
    { transaction },
  );
  return toCourse(created.get({ plain: true }));
}

export async function findCourse(sequelize: Sequelize, id: string, options: { transaction?: Transaction; lock?: boolean } = {}) {
  const row = await modelsOf(sequelize).Course.findByPk(id, {
    transaction: options.transaction,
    ...(options.lock && options.transaction ? { lock: options.transaction.LOCK.UPDATE } : {}),
  });
  return row ? toCourse(row.get({ plain: true })) : undefined;
}

export async function decideCourse(
  sequelize: Sequelize,
  decision: { id: string; status: 'approved' | 'rejected'; decidedBy: string; at: Date },
  transaction: Transaction,
): Promise<Course> {
  const [, rows] = await modelsOf(sequelize).Course.update(
    { status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.at },
    { where: { id: decision.id }, returning: true, transaction },
  );
  const [row] = rows;
  if (!row) throw new Error('course update returned nothing');
  return toCourse(row.get({ plain: true }));
}

/**
 * Approved courses of one centre by title, of one programme when given; `after` is the [title, id]
 * of the previous page's last.
 */
export async function listApprovedCourses(
  sequelize: Sequelize,
  centreId: string,
  page: { after: [string, string] | undefined; limit: number; programme: string | undefined },
): Promise<Course[]> {
  const { after } = page;
  const rows = await modelsOf(sequelize).Course.findAll({
    where: {
      centreId,
      status: 'approved',
      ...(page.programme !== undefined && { programmeCode: page.programme }),
      ...(after && { [Op.or]: [{ title: { [Op.gt]: after[0] } }, { title: after[0], id: { [Op.gt]: after[1] } }] }),
    },
    order: [
      ['title', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: page.limit,
  });
  return rows.map((row) => toCourse(row.get({ plain: true })));
}

/** A pending course's new title, price, qualification and tags (the caller checked it is pending, under lock). */
export async function updatePendingCourse(
  sequelize: Sequelize,
  change: { id: string; title: string; qualification: string; price: Decimal; tags: string[] },
  transaction: Transaction,
): Promise<Course> {
  const [, rows] = await modelsOf(sequelize).Course.update(
    { title: change.title, qualification: change.qualification, price: change.price.toFixed(2), tags: change.tags },
    { where: { id: change.id, status: 'pending' }, returning: true, transaction },
  );
  const [row] = rows;
  if (!row) throw new Error('pending course update returned nothing');
  return toCourse(row.get({ plain: true }));
}

/** Every course of one centre, whatever its status, newest first: one page of `limit` from `offset`, and how many there are. */
export async function listCentreCourses(
  sequelize: Sequelize,
  centreId: string,
  page: { offset: number; limit: number },
): Promise<{ items: Course[]; total: number }> {
  const { rows, count } = await modelsOf(sequelize).Course.findAndCountAll({
    where: { centreId },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'ASC'],
    ],
    offset: page.offset,
    limit: page.limit,
  });
  return { items: rows.map((row) => toCourse(row.get({ plain: true }))), total: count };
}

/** Pending courses of every provider, oldest first (the approval queue): one page from `offset`, each with its provider's name, and how many wait. */
export async function listPendingCourses(
  sequelize: Sequelize,
  page: { offset: number; limit: number },
): Promise<{ items: (Course & { centreName: string })[]; total: number }> {
  const { Course, Centre } = modelsOf(sequelize);
  const { rows, count } = await Course.findAndCountAll({
    where: { status: 'pending' },
    include: [{ model: Centre, as: 'centre', attributes: ['name'] }],
    order: [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
    offset: page.offset,
    limit: page.limit,
  });
  return {
    items: rows.map((row) => {
      const plain = row.get({ plain: true }) as CourseAttributes & { centre: { name: string } };
      return { ...toCourse(plain), centreName: plain.centre.name };
    }),
    total: count,
  };
}

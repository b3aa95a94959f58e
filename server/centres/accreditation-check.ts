// What the flows (vouchers, applications, settlement) ask of the centres component: is this
// centre allowed to act for this programme on this date, and which approved course is this.
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { RuleViolation } from '../errors.js';
import { findCourse } from './course-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Throws 422 `centre_not_accredited` unless the centre holds an active accreditation for the
 * programme whose window contains `onDate`. The row is read, not locked: a flow that saw the
 * accreditation active and commits while a suspension is being written is ordered before that
 * suspension, which is what it was. Share-locking it would make every session of a busy centre
 * (or every claim of a popular provider) contend for one row.
 */
export async function assertActiveAccreditation(
  sequelize: Sequelize,
  centreId: string,
  programmeCode: string,
  onDate: string,
  transaction?: Transaction,
): Promise<void> {
  const rows = UUID.test(centreId)
    ? await queryRows(
        sequelize,
        `SELECT id FROM accreditations
         WHERE centre_id = $1 AND programme_code = $2 AND status = 'active' AND valid_from <= $3 AND valid_to >= $3
         LIMIT 1`,
        [centreId, programmeCode, onDate],
        { transaction },
      )
    : [];
  if (rows.length === 0) throw notAccredited(programmeCode, onDate);
}

export const notAccredited = (programmeCode: string, onDate: string) =>
  new RuleViolation('centre_not_accredited', `The centre has no active ${programmeCode} accreditation on ${onDate}.`);

export type ApprovedCourse = { id: string; centreId: string; title: string; price: Decimal; currency: string; qualification: string };

/** The course when it exists and is approved; undefined otherwise (also for a malformed id). */
export async function findApprovedCourse(
  sequelize: Sequelize,
  courseId: string,
  transaction?: Transaction,
): Promise<ApprovedCourse | undefined> {
  if (!UUID.test(courseId)) return undefined;
  const course = await findCourse(sequelize, courseId, { status: 'approved', transaction });
  return (
    course && {
      id: course.id,
      centreId: course.centreId,
      title: course.title,
      price: course.price,
      currency: course.currency,
      qualification: course.qualification,
    }
  );
}

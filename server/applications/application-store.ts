// Data access for applications and the course grant entitlement of an account year. Plain SQL returning
// plain objects; amounts leave here as Decimals.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type ApplicationStatus = 'pending_verification' | 'verified' | 'claimed' | 'lapsed' | 'cancelled' | 'refused';

export type Application = {
  id: string;
  reference: string;
  /** The course grant programme that funds it (its entitlement's). */
  programmeCode: string;
  citizenId: string;
  citizenUserId: string | null;
  citizenName: string;
  entitlementId: string;
  decisionId: string;
  centreId: string;
  centreName: string;
  courseId: string;
  courseTitle: string;
  courseQualification: string;
  accountYear: number;
  /** The account year's last day: a verified application's funding is guaranteed through it. */
  periodEnd: string;
  coursePrice: Decimal;
  fundedAmount: Decimal;
  learnerPart: Decimal;
  currency: string;
  status: ApplicationStatus;
  appliedOn: string;
  verifyBy: string;
  grantTransactionId: string;
  holdId: string;
  verifiedAt: Date | null;
  courseStartDate: string | null;
  claimTransactionId: string | null;
  claimedAt: Date | null;
  releaseTransactionId: string | null;
  closedAt: Date | null;
  /** Why the provider refused it (shown to the citizen), and when. */
  refusalReason: string | null;
  refusedAt: Date | null;
  createdAt: Date;
};

type Row = {
  id: string;
  reference: string;
  programme_code: string;
  citizen_id: string;
  citizen_user_id: string | null;
  citizen_name: string;
  entitlement_id: string;
  decision_id: string;
  centre_id: string;
  centre_name: string;
  course_id: string;
  course_title: string;
  course_qualification: string;
  account_year: number;
  period_end: string;
  course_price: string;
  funded_amount: string;
  learner_part: string;
  currency: string;
  status: ApplicationStatus;
  applied_on: string;
  verify_by: string;
  grant_transaction_id: string;
  hold_id: string;
  verified_at: Date | null;
  course_start_date: string | null;
  claim_transaction_id: string | null;
  claimed_at: Date | null;
  release_transaction_id: string | null;
  closed_at: Date | null;
  refusal_reason: string | null;
  refused_at: Date | null;
  created_at: Date;
};

const toApplication = (row: Row): Application => ({
  id: row.id,
  reference: row.reference,
  programmeCode: row.programme_code,
  citizenId: row.citizen_id,
  citizenUserId: row.citizen_user_id,
  citizenName: row.citizen_name,
  entitlementId: row.entitlement_id,
  decisionId: row.decision_id,
  centreId: row.centre_id,
  centreName: row.centre_name,
  courseId: row.course_id,
  courseTitle: row.course_title,
  courseQualification: row.course_qualification,
  accountYear: row.account_year,
  periodEnd: row.period_end,
  coursePrice: new Decimal(row.course_price),
  fundedAmount: new Decimal(row.funded_amount),
  learnerPart: new Decimal(row.learner_part),
  currency: row.currency,
  status: row.status,
  appliedOn: row.applied_on,
  verifyBy: row.verify_by,
  grantTransactionId: row.grant_transaction_id,
  holdId: row.hold_id,
  verifiedAt: row.verified_at,
  courseStartDate: row.course_start_date,
  claimTransactionId: row.claim_transaction_id,
  claimedAt: row.claimed_at,
  releaseTransactionId: row.release_transaction_id,
  closedAt: row.closed_at,
  refusalReason: row.refusal_reason,
  refusedAt: row.refused_at,
  createdAt: row.created_at,
});

const SELECT = `
  SELECT a.*, c.user_id AS citizen_user_id, c.name AS citizen_name, ce.name AS centre_name,
         co.title AS course_title, co.qualification AS course_qualification, e.period_end, e.programme_code
  FROM applications a
  JOIN entitlements e ON e.id = a.entitlement_id
  JOIN citizens c ON c.id = a.citizen_id
  JOIN centres ce ON ce.id = a.centre_id
  JOIN courses co ON co.id = a.course_id`;

/** `lock` holds the application row until the transaction ends (one state change at a time). */
export async function findApplication(
  sequelize: Sequelize,
  key: { reference: string } | { id: string },
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<Application | undefined> {
  const [where, value] = 'reference' in key ? ['a.reference = $1', key.reference] : ['a.id = $1', key.id];
  const lock = options.lock ? ' FOR UPDATE OF a' : '';
  const [row] = await queryRows<Row>(sequelize, `${SELECT} WHERE ${where}${lock}`, [value], { transaction: options.transaction });
  return row && toApplication(row);
}

export async function listApplicationsOf(
  sequelize: Sequelize,
  entitlementIds: string[],
  transaction?: Transaction,
): Promise<Application[]> {
  if (entitlementIds.length === 0) return [];
  const rows = await queryRows<Row>(
    sequelize,
    `${SELECT} WHERE a.entitlement_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
    [entitlementIds],
    {
      transaction,
    },
  );
  return rows.map(toApplication);
}

/**
 * One page of a centre's applications in `status`, soonest verification deadline first: what its
 * staff must verify (pending) or may claim (verified). The centre's own only.
 */
export async function listCentreApplications(
  sequelize: Sequelize,
  query: { centreId: string; status: 'pending_verification' | 'verified'; offset: number; limit: number },
): Promise<{ items: Application[]; total: number }> {
  const where = `WHERE a.centre_id = $1 AND a.status = $2`;
  const [rows, [count]] = await Promise.all([
    queryRows<Row>(sequelize, `${SELECT} ${where} ORDER BY a.verify_by, a.applied_on, a.id OFFSET $3 LIMIT $4`, [
      query.centreId,
      query.status,
      query.offset,
      query.limit,
    ]),
    queryRows<{ total: string }>(sequelize, `SELECT count(*) AS total FROM applications a ${where}`, [query.centreId, query.status]),
  ]);
  return { items: rows.map(toApplication), total: Number(count?.total ?? 0) };
}

export async function markVerified(
  sequelize: Sequelize,
  id: string,
  change: { holdId: string; at: Date; by: string },
  transaction: Transaction,
) {
  await queryRows(
    sequelize,
    `UPDATE applications SET status = 'verified', hold_id = $2, verified_at = $3, verified_by = $4 WHERE id = $1`,
    [id, change.holdId, change.at, change.by],
    {
      transaction,
    },
  );
}

export async function markClaimed(
  sequelize: Sequelize,
  id: string,
  change: { transactionId: string; at: Date; by: string; courseStartDate: string },
  transaction: Transaction,
) {
  await queryRows(
    sequelize,
    `UPDATE applications SET status = 'claimed', claim_transaction_id = $2, claimed_at = $3, claimed_by = $4, course_start_date = $5 WHERE id = $1`,
    [id, change.transactionId, change.at, change.by, change.courseStartDate],
    { transaction },
  );
}

/** How an application closes: a refusal by its provider says why and who. */
export type ClosingChange = { status: 'lapsed' | 'cancelled' } | { status: 'refused'; reason: string; by: string };

export async function markClosed(
  sequelize: Sequelize,
  id: string,
  change: ClosingChange & { transactionId: string; at: Date },
  transaction: Transaction,
) {
  const refusal = change.status === 'refused' ? change : undefined;
  await queryRows(
    sequelize,
    `UPDATE applications SET status = $2, release_transaction_id = $3, closed_at = $4::timestamptz,
       refusal_reason = $5, refused_at = CASE WHEN $5::text IS NULL THEN NULL ELSE $4::timestamptz END, refused_by = $6 WHERE id = $1`,
    [id, change.status, change.transactionId, change.at, refusal?.reason ?? null, refusal?.by ?? null],
    {
      transaction,
    },
  );
}

/**
 * Pending applications of course grant programmes whose deadline passed, locked; rows another
 * worker holds are skipped. Only course grants lapse this way: their release returns the money to
 * the programme's budget.
 */
export async function lockDueForLapse(sequelize: Sequelize, today: string, limit: number, transaction: Transaction): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    sequelize,
    `SELECT a.id FROM applications a
     WHERE a.status = 'pending_verification' AND a.verify_by < $1
       AND EXISTS (SELECT 1 FROM entitlements e JOIN programmes p ON p.code = e.programme_code
                   WHERE e.id = a.entitlement_id AND p.kind = 'course_grant')
     ORDER BY a.verify_by, a.id LIMIT $2 FOR UPDATE OF a SKIP LOCKED`,
    [today, limit],
    { transaction },
  );
  return rows.map((row) => row.id);
}

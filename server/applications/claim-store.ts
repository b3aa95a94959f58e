// Everything a course grant claim reads before it decides, in one round trip without locks, shared with
// the other claims arriving at the same time (natural batching): the decision's inputs (rule set
// in force, the citizen's facts, the budget left), the citizen's name, the course with its
// provider and whether that provider is accredited on the day (a course of another programme reads
// as no course), the programme's currency, and the parameter values in force. What must hold when
// the claim writes is checked again there (course_grant_claim.sql): one funded application per
// right, grants per course, places, money.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';
import { batcherPerDatabase } from '../db/natural-batch.js';
import { DECISION_INPUTS_SQL, decisionInputsBinds, decisionInputsOf, type DecisionInputs } from '../eligibility/eligibility.js';
import type { IdempotencyClaim, StatementAnswer } from '../http/idempotency.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ClaimCourse = {
  id: string;
  centreId: string;
  centreName: string;
  title: string;
  qualification: string;
  price: Decimal;
  currency: string;
  accredited: boolean;
};

export type ClaimContext = {
  inputs: DecisionInputs;
  citizenName: string | undefined;
  /** The course when it exists, is approved and belongs to the claimed programme. */
  course: ClaimCourse | undefined;
  currency: string;
  /** The values of the parameter version in force, if any. */
  parameters: Record<string, unknown> | undefined;
};

type Row = {
  rule_set_id: string | null;
  rule_set_updated_at: Date | null;
  id: string | null;
  facts: Record<string, unknown> | null;
  last_start: string | null;
  budget_remaining: string | null;
  citizen_name: string | null;
  course_id: string | null;
  centre_id: string;
  centre_name: string;
  course_title: string;
  course_qualification: string;
  course_price: string;
  course_currency: string;
  accredited: boolean;
  currency: string;
  parameters: Record<string, unknown> | null;
};

export type ContextRequest = { programmeCode: string; citizenId: string; courseId: string; today: string };

/** The contexts of several claims in one round trip, in request order. */
export async function readClaimContexts(sequelize: Sequelize, requests: ContextRequest[]): Promise<ClaimContext[]> {
  const rows = await queryRows<Row>(
    sequelize,
    `WITH inputs AS (${DECISION_INPUTS_SQL})
     SELECT inputs.*, course.*, (SELECT name FROM citizens WHERE id = inputs.id) AS citizen_name,
            (SELECT currency FROM programmes WHERE code = inputs.programme_code) AS currency,
            (SELECT "values" FROM programme_parameters_in_force(inputs.programme_code, inputs.reference_date)) AS parameters
     FROM inputs
     JOIN unnest($4::uuid[]) WITH ORDINALITY AS wanted(course_id, i) ON wanted.i = inputs.i
     LEFT JOIN LATERAL (
       SELECT co.id AS course_id, co.centre_id, ce.name AS centre_name, co.title AS course_title, co.qualification AS course_qualification,
              co.price AS course_price, co.currency AS course_currency,
              EXISTS (SELECT 1 FROM accreditation_active_on(inputs.reference_date) a
                      WHERE a.centre_id = co.centre_id AND a.programme_code = inputs.programme_code) AS accredited
       FROM courses co JOIN centres ce ON ce.id = co.centre_id WHERE co.id = wanted.course_id AND co.status = 'approved'
         AND co.programme_code = inputs.programme_code) course ON true
     ORDER BY inputs.i`,
    [
      ...decisionInputsBinds(
        requests.map((request) => ({ programmeCode: request.programmeCode, referenceDate: request.today, citizenId: request.citizenId })),
      ),
      requests.map((request) => (UUID.test(request.courseId) ? request.courseId : null)),
    ],
  );
  return rows.map(contextOf);
}

/** One claim's context, read together with those of the claims arriving at the same time. */
export const readClaimContext = batcherPerDatabase(readClaimContexts, 100);

function contextOf(row: Row): ClaimContext {
  const course: ClaimCourse | undefined = row.course_id
    ? {
        id: row.course_id,
        centreId: row.centre_id,
        centreName: row.centre_name,
        title: row.course_title,
        qualification: row.course_qualification,
        price: new Decimal(row.course_price),
        currency: row.course_currency,
        accredited: row.accredited,
      }
    : undefined;
  return {
    inputs: decisionInputsOf(row),
    citizenName: row.citizen_name ?? undefined,
    course,
    currency: row.currency,
    parameters: row.parameters ?? undefined,
  };
}

export type ClaimWrite = {
  programmeCode: string;
  citizenId: string;
  userId: string;
  today: string;
  /** The outcome drafted here, completed and stored by the statement. */
  outcome: unknown;
  facts: unknown;
  placesPeriod: string | null;
  closingDate: string | null;
  /** The most live grants a course may have in the account year; null: no cap. */
  maxGrantsPerCourse: number | null;
  holdExpiresAt: string | null;
  lanes: number;
  lane: number;
  refill: boolean;
};

/** The one statement that claims the key, keeps the decision and, for an applied outcome, writes the application. */
export async function claimStatement(sequelize: Sequelize, claim: IdempotencyClaim, write: ClaimWrite): Promise<StatementAnswer> {
  const [answer] = await queryRows<StatementAnswer>(
    sequelize,
    `SELECT * FROM course_grant_claim($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14, $15, $16)`,
    [
      write.programmeCode,
      claim.scope,
      claim.key,
      claim.fingerprint,
      write.citizenId,
      write.userId,
      write.today,
      JSON.stringify(write.outcome),
      JSON.stringify(write.facts),
      write.placesPeriod,
      write.closingDate,
      write.maxGrantsPerCourse,
      write.holdExpiresAt,
      write.lanes,
      write.lane,
      write.refill,
    ],
  );
  if (!answer) throw new Error('course_grant_claim returned no answer');
  return answer;
}
